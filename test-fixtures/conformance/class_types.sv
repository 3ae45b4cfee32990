// Classes are not modelled: a variable of a class type (declared in the module, at file level, or a
// built-in class) is a note, not an undeclared type.
interface class shape_if;
endclass

module class_types;
  class counter_cls;
    int n;
  endclass

  counter_cls c;
  shape_if s;
  mailbox m;
endmodule

// a class declared in a package, used through an import
package shapes_pkg;
  class base_shape;
  endclass
endpackage

module class_from_package;
  import shapes_pkg::*;
  base_shape b;
endmodule
