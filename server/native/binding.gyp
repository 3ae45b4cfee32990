# The native tree-sitter runtime, loaded by server/src/node/native-backend.ts: tree-sitter's C core
# compiled from web-tree-sitter's own lib/ (the sources its wasm runtime is built from, so both
# runtimes give the same trees) plus binding.c, the N-API surface. Built by install.mjs.
{
  "variables": {
    "ts_lib": "<!(node -p \"require('path').join(require('path').dirname(require.resolve('web-tree-sitter')), 'lib')\")"
  },
  "targets": [
    {
      "target_name": "ppa_lens_tree_sitter",
      "sources": ["src/binding.c", "src/core.c"],
      # vendor/: tree-sitter's public header and the two header folders web-tree-sitter's lib/ leaves
      # out (unicode/, portable/), taken from the registry's tree-sitter package by install.mjs
      "include_dirs": ["vendor/include", "vendor/src", "<(ts_lib)"],
      "defines": ["NAPI_VERSION=8", "_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE"],
      "cflags_c": ["-std=c11", "-O2", "-fvisibility=hidden", "-Wno-unused-parameter"],
      "cflags!": ["-O3"],
      "xcode_settings": { "OTHER_CFLAGS": ["-std=c11", "-O2", "-fvisibility=hidden"] }
    }
  ]
}
