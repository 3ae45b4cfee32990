// Interface classes declared inside a module, one extending another, and a class implementing
// them (IEEE 1800 8.26): these parse; no design unit starts at `interface class`.
module interface_class ();
  interface class shape;
    typedef int unsigned size_t;
    pure virtual function size_t area();
  endclass

  interface class named_shape extends shape;
    pure virtual function string name();
  endclass

  class square implements named_shape;
    virtual function shape::size_t area();
      return 4;
    endfunction
    virtual function string name();
      return "square";
    endfunction
  endclass
endmodule
