; Document symbols for ppa-lens (tree-sitter-systemverilog 0.4.1 node names).
; Each pattern captures the definition node as @<kind> and its name as @name.
; Kinds: module port parameter net variable always instance generate function task

(module_declaration (module_ansi_header name: (simple_identifier) @name)) @module
(module_declaration (module_nonansi_header name: (simple_identifier) @name)) @module

(ansi_port_declaration port_name: (simple_identifier) @name) @port
(input_declaration (list_of_port_identifiers (simple_identifier) @name)) @port
(output_declaration (list_of_port_identifiers (simple_identifier) @name)) @port
(output_declaration (list_of_variable_port_identifiers (simple_identifier) @name)) @port
(inout_declaration (list_of_port_identifiers (simple_identifier) @name)) @port

(param_assignment . (simple_identifier) @name) @parameter

(net_decl_assignment . (simple_identifier) @name) @net
(variable_decl_assignment name: (simple_identifier) @name) @variable
(genvar_declaration (list_of_genvar_identifiers (simple_identifier) @name)) @variable

(always_construct (always_keyword) @name) @always

(module_instantiation
  (hierarchical_instance (name_of_instance instance_name: (simple_identifier) @name))) @instance

(generate_block name: (simple_identifier) @name) @generate

(function_body_declaration name: (simple_identifier) @name) @function
(task_body_declaration name: (simple_identifier) @name) @task
