/* tree-sitter's C core, as web-tree-sitter's lib/ has it (that folder is on the include path, see
   binding.gyp): one translation unit, the way the core's own lib.c is meant to be compiled. */
#include "lib.c"
