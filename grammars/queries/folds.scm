; Folding ranges: every capture @fold folds from its first line to its last.
(module_declaration) @fold
(seq_block) @fold
(generate_region) @fold
(generate_block) @fold
(case_statement) @fold
(function_declaration) @fold
(task_declaration) @fold
(list_of_port_declarations) @fold
(parameter_port_list) @fold
(block_comment) @fold
