/*
 * ppa-lens' native tree-sitter runtime: the N-API functions behind server/src/node/native-backend.ts.
 *
 * Plain N-API (node_api.h, version 8), so one build loads in every Node and Electron of that
 * N-API version. Text is handed to tree-sitter as UTF-16 (the JS string's own code units), so
 * every byte offset tree-sitter gives is twice a UTF-16 offset, as in web-tree-sitter.
 *
 * Exports:
 *   tables(language)            -> { types, fields, named }   (GrammarTables of syntax/backend.ts)
 *   newParser(language)         -> parser handle
 *   parse(parser, text, old, budgetMicros) -> tree handle, or undefined past the budget
 *   edit(tree, startIndex, oldEndIndex, newEndIndex, sRow, sCol, oRow, oCol, nRow, nCol)
 *   columns(tree)               -> { typeIds, starts, ends, fieldIds, sizes, flags }
 *   deleteTree(tree), deleteParser(parser)
 * `language` is the `language` export of a tree-sitter grammar's Node binding: an External holding
 * the TSLanguage*, type-tagged by the grammar binding.
 */
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

#include "tree_sitter/api.h"
#include "clock.h"

/* The tag tree-sitter's grammar bindings put on their `language` External. */
static const napi_type_tag LANGUAGE_TAG = {0x8AF2E5212AD58ABFULL, 0xD5006CAD83ABBA16ULL};
/* Our own handles' tags, so that a tree passed for a parser is an error, not a crash. */
static const napi_type_tag PARSER_TAG = {0x70706140706172ULL, 0x7365722d6c656e73ULL};
static const napi_type_tag TREE_TAG = {0x70706140747265ULL, 0x652d2d2d6c656e73ULL};

#define FLAG_MISSING 1
#define FLAG_HAS_ERROR 2
#define FLAG_EXTRA 4

typedef struct {
  TSParser *parser;
} ParserBox;

typedef struct {
  TSTree *tree;
} TreeBox;

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      const napi_extended_error_info *info = NULL;                    \
      napi_get_last_error_info(env, &info);                           \
      bool pending = false;                                           \
      napi_is_exception_pending(env, &pending);                       \
      if (!pending)                                                   \
        napi_throw_error(env, NULL,                                   \
                         info && info->error_message ? info->error_message : #call); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

static napi_value throw_type(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

/* The External `v` if it carries `tag`, else NULL (and a TypeError is pending). */
static void *tagged(napi_env env, napi_value v, const napi_type_tag *tag, const char *what) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_external) {
    throw_type(env, what);
    return NULL;
  }
  bool ok = false;
  if (napi_check_object_type_tag(env, v, tag, &ok) != napi_ok || !ok) {
    throw_type(env, what);
    return NULL;
  }
  void *p = NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok || !p) {
    throw_type(env, what);
    return NULL;
  }
  return p;
}

static const TSLanguage *language_arg(napi_env env, napi_value v) {
  return (const TSLanguage *)tagged(env, v, &LANGUAGE_TAG, "expected a tree-sitter language (a grammar binding's `language`)");
}

static TSParser *parser_arg(napi_env env, napi_value v) {
  ParserBox *box = (ParserBox *)tagged(env, v, &PARSER_TAG, "expected a parser handle");
  if (!box) return NULL;
  if (!box->parser) {
    napi_throw_error(env, NULL, "the parser was deleted");
    return NULL;
  }
  return box->parser;
}

static TreeBox *tree_box_arg(napi_env env, napi_value v) {
  return (TreeBox *)tagged(env, v, &TREE_TAG, "expected a tree handle");
}

static TSTree *tree_arg(napi_env env, napi_value v) {
  TreeBox *box = tree_box_arg(env, v);
  if (!box) return NULL;
  if (!box->tree) {
    napi_throw_error(env, NULL, "the tree was deleted");
    return NULL;
  }
  return box->tree;
}

static bool get_args(napi_env env, napi_callback_info info, size_t want, napi_value *argv) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return false;
  if (argc < want) {
    napi_throw_type_error(env, NULL, "too few arguments");
    return false;
  }
  return true;
}

static bool get_u32(napi_env env, napi_value v, uint32_t *out) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok || !(d >= 0 && d <= 4294967295.0)) {
    napi_throw_range_error(env, NULL, "expected a number in 0..2^32-1");
    return false;
  }
  *out = (uint32_t)d;
  return true;
}

/* ---- grammar tables ---------------------------------------------------------------------- */

static napi_value js_tables(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  const TSLanguage *lang = language_arg(env, argv[0]);
  if (!lang) return NULL;

  /* types: by symbol id, the name of each visible symbol (hidden ones are holes), as web-tree-sitter's Language.types */
  uint32_t symbols = ts_language_symbol_count(lang);
  napi_value types;
  CHECK(napi_create_array_with_length(env, symbols, &types));
  for (uint32_t i = 0; i < symbols; i++) {
    TSSymbolType st = ts_language_symbol_type(lang, (TSSymbol)i);
    if (st > TSSymbolTypeAnonymous) continue;
    const char *name = ts_language_symbol_name(lang, (TSSymbol)i);
    if (!name) continue;
    napi_value s;
    CHECK(napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &s));
    CHECK(napi_set_element(env, types, i, s));
  }

  /* fields: by field id, 0 included (null), as Language.fields */
  uint32_t nfields = ts_language_field_count(lang) + 1;
  napi_value fields, null_value;
  CHECK(napi_get_null(env, &null_value));
  CHECK(napi_create_array_with_length(env, nfields, &fields));
  for (uint32_t i = 0; i < nfields; i++) {
    const char *name = ts_language_field_name_for_id(lang, (TSFieldId)i);
    napi_value s = null_value;
    if (name) CHECK(napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &s));
    CHECK(napi_set_element(env, fields, i, s));
  }

  /* named: 0x10000 entries; a symbol is named when tree-sitter calls its type regular; ERROR is named */
  void *data = NULL;
  napi_value ab, named;
  CHECK(napi_create_arraybuffer(env, 0x10000, &data, &ab));
  uint8_t *nm = (uint8_t *)data;
  memset(nm, 0, 0x10000);
  for (uint32_t i = 0; i < symbols && i < 0x10000; i++) nm[i] = ts_language_symbol_type(lang, (TSSymbol)i) == TSSymbolTypeRegular;
  nm[0xffff] = 1;
  CHECK(napi_create_typedarray(env, napi_uint8_array, 0x10000, ab, 0, &named));

  napi_value out;
  CHECK(napi_create_object(env, &out));
  CHECK(napi_set_named_property(env, out, "types", types));
  CHECK(napi_set_named_property(env, out, "fields", fields));
  CHECK(napi_set_named_property(env, out, "named", named));
  return out;
}

/* ---- parser ------------------------------------------------------------------------------ */

static void finalize_parser(napi_env env, void *data, void *hint) {
  ParserBox *box = (ParserBox *)data;
  if (box->parser) ts_parser_delete(box->parser);
  free(box);
}

static napi_value js_new_parser(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  const TSLanguage *lang = language_arg(env, argv[0]);
  if (!lang) return NULL;
  ParserBox *box = (ParserBox *)calloc(1, sizeof(ParserBox));
  if (!box) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  box->parser = ts_parser_new();
  if (!ts_parser_set_language(box->parser, lang)) {
    ts_parser_delete(box->parser);
    free(box);
    napi_throw_error(env, NULL, "the grammar's ABI version is not supported by this tree-sitter runtime");
    return NULL;
  }
  napi_value ext;
  if (napi_create_external(env, box, finalize_parser, NULL, &ext) != napi_ok) {
    ts_parser_delete(box->parser);
    free(box);
    napi_throw_error(env, NULL, "cannot create the parser handle");
    return NULL;
  }
  CHECK(napi_type_tag_object(env, ext, &PARSER_TAG));
  return ext;
}

static napi_value js_delete_parser(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  ParserBox *box = (ParserBox *)tagged(env, argv[0], &PARSER_TAG, "expected a parser handle");
  if (!box) return NULL;
  if (box->parser) ts_parser_delete(box->parser);
  box->parser = NULL;
  return NULL;
}

/* ---- parse ------------------------------------------------------------------------------- */

typedef struct {
  const char *bytes;
  uint32_t length;
} TextInput;

static const char *read_text(void *payload, uint32_t byte, TSPoint position, uint32_t *bytes_read) {
  TextInput *in = (TextInput *)payload;
  if (byte >= in->length) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = in->length - byte;
  return in->bytes + byte;
}

static bool past_deadline(TSParseState *state) {
  TSClock *deadline = (TSClock *)state->payload;
  return clock_is_gt(clock_now(), *deadline);
}

static void finalize_tree(napi_env env, void *data, void *hint) {
  TreeBox *box = (TreeBox *)data;
  if (box->tree) ts_tree_delete(box->tree);
  free(box);
}

static napi_value tree_handle(napi_env env, TSTree *tree) {
  TreeBox *box = (TreeBox *)calloc(1, sizeof(TreeBox));
  if (!box) {
    ts_tree_delete(tree);
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  box->tree = tree;
  napi_value ext;
  if (napi_create_external(env, box, finalize_tree, NULL, &ext) != napi_ok) {
    ts_tree_delete(tree);
    free(box);
    napi_throw_error(env, NULL, "cannot create the tree handle");
    return NULL;
  }
  CHECK(napi_type_tag_object(env, ext, &TREE_TAG));
  return ext;
}

/* parse(parser, text, oldTree | null, budgetMicros): budgetMicros 0 is no budget. */
static napi_value js_parse(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!get_args(env, info, 4, argv)) return NULL;
  TSParser *parser = parser_arg(env, argv[0]);
  if (!parser) return NULL;
  napi_valuetype t;
  CHECK(napi_typeof(env, argv[2], &t));
  const TSTree *old = NULL;
  if (t != napi_null && t != napi_undefined) {
    old = tree_arg(env, argv[2]);
    if (!old) return NULL;
  }
  double budget = 0;
  CHECK(napi_get_value_double(env, argv[3], &budget));

  size_t units = 0;
  CHECK(napi_get_value_string_utf16(env, argv[1], NULL, 0, &units));
  if (units >= 0x7fffffffu) {
    napi_throw_range_error(env, NULL, "the text is too long for tree-sitter (2^31 UTF-16 code units at most)");
    return NULL;
  }
  char16_t *text = (char16_t *)malloc((units + 1) * sizeof(char16_t));
  if (!text) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  size_t copied = 0;
  if (napi_get_value_string_utf16(env, argv[1], text, units + 1, &copied) != napi_ok) {
    free(text);
    napi_throw_error(env, NULL, "cannot read the text");
    return NULL;
  }

  TextInput in = {(const char *)text, (uint32_t)(copied * 2)};
  TSInput input = {&in, read_text, TSInputEncodingUTF16LE, NULL};
  TSClock deadline;
  TSParseOptions options = {NULL, NULL};
  if (budget > 0) {
    deadline = clock_after(clock_now(), duration_from_micros((uint64_t)budget));
    options.payload = &deadline;
    options.progress_callback = past_deadline;
  }
  TSTree *tree = ts_parser_parse_with_options(parser, old, input, options);
  free(text);
  if (!tree) {
    /* Stopped by the budget: drop the half-done parse, so nothing stays allocated and the next
       parse starts afresh instead of resuming this one. */
    ts_parser_reset(parser);
    return NULL;
  }
  return tree_handle(env, tree);
}

/* ---- edit, delete -------------------------------------------------------------------------- */

static napi_value js_edit(napi_env env, napi_callback_info info) {
  napi_value argv[10];
  if (!get_args(env, info, 10, argv)) return NULL;
  TSTree *tree = tree_arg(env, argv[0]);
  if (!tree) return NULL;
  uint32_t v[9];
  for (int i = 0; i < 9; i++)
    if (!get_u32(env, argv[i + 1], &v[i])) return NULL;
  for (int i = 0; i < 9; i++)
    if ((i < 3 || i % 2 == 0) && v[i] > 0x7fffffffu) {
      napi_throw_range_error(env, NULL, "edit offset out of range");
      return NULL;
    }
  /* indices and columns in UTF-16 code units -> bytes, as web-tree-sitter's tree.edit */
  TSInputEdit e = {
    .start_byte = v[0] * 2,
    .old_end_byte = v[1] * 2,
    .new_end_byte = v[2] * 2,
    .start_point = {v[3], v[4] * 2},
    .old_end_point = {v[5], v[6] * 2},
    .new_end_point = {v[7], v[8] * 2},
  };
  ts_tree_edit(tree, &e);
  return NULL;
}

static napi_value js_delete_tree(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  TreeBox *box = tree_box_arg(env, argv[0]);
  if (!box) return NULL;
  if (box->tree) ts_tree_delete(box->tree);
  box->tree = NULL;
  return NULL;
}

/* ---- columns ----------------------------------------------------------------------------- */

static napi_value typed(napi_env env, napi_typedarray_type type, size_t elem, size_t n, void **data) {
  napi_value ab, arr;
  if (napi_create_arraybuffer(env, n * elem, data, &ab) != napi_ok) return NULL;
  if (napi_create_typedarray(env, type, n, ab, 0, &arr) != napi_ok) return NULL;
  return arr;
}

/*
 * The tree in pre-order, as syntax/light-tree.ts' walk lays it out: anonymous nodes (tokens) are
 * leaves, a node's children follow it, sizes count a node's subtree with itself. The root's
 * visible-descendant count bounds the number of entries, so the arrays are made once at that size
 * (the walk skips only what sits under anonymous nodes, which this grammar does not have).
 */
static napi_value js_columns(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return NULL;
  TSTree *tree = tree_arg(env, argv[0]);
  if (!tree) return NULL;
  const TSLanguage *lang = ts_tree_language(tree);
  TSNode root = ts_tree_root_node(tree);
  size_t cap = ts_node_descendant_count(root);
  if (cap == 0) cap = 1;

  uint32_t symbols = ts_language_symbol_count(lang);
  uint8_t *named = (uint8_t *)calloc(0x10000, 1);
  size_t open_cap = 256;
  uint32_t *open = (uint32_t *)malloc(open_cap * sizeof(uint32_t));
  if (!named || !open) {
    free(named);
    free(open);
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  for (uint32_t i = 0; i < symbols && i < 0x10000; i++) named[i] = ts_language_symbol_type(lang, (TSSymbol)i) == TSSymbolTypeRegular;
  named[0xffff] = 1;

  void *d0, *d1, *d2, *d3, *d4, *d5;
  napi_value a_types = typed(env, napi_uint16_array, 2, cap, &d0);
  napi_value a_starts = a_types ? typed(env, napi_uint32_array, 4, cap, &d1) : NULL;
  napi_value a_ends = a_starts ? typed(env, napi_uint32_array, 4, cap, &d2) : NULL;
  napi_value a_fields = a_ends ? typed(env, napi_uint16_array, 2, cap, &d3) : NULL;
  napi_value a_sizes = a_fields ? typed(env, napi_uint32_array, 4, cap, &d4) : NULL;
  napi_value a_flags = a_sizes ? typed(env, napi_uint8_array, 1, cap, &d5) : NULL;
  if (!a_flags) {
    free(named);
    free(open);
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (!pending) napi_throw_error(env, NULL, "cannot allocate the tree's columns");
    return NULL;
  }
  uint16_t *type_ids = (uint16_t *)d0, *field_ids = (uint16_t *)d3;
  uint32_t *starts = (uint32_t *)d1, *ends = (uint32_t *)d2, *sizes = (uint32_t *)d4;
  uint8_t *flags = (uint8_t *)d5;

  size_t n = 0;
  bool overflow = false;
#define PUSH(node, field)                                                           \
  do {                                                                              \
    if (n >= cap) {                                                                 \
      overflow = true;                                                              \
      goto done;                                                                    \
    }                                                                               \
    type_ids[n] = ts_node_symbol(node);                                             \
    starts[n] = ts_node_start_byte(node) / 2;                                       \
    ends[n] = ts_node_end_byte(node) / 2;                                           \
    field_ids[n] = (field);                                                         \
    sizes[n] = 1;                                                                   \
    flags[n] = (ts_node_is_missing(node) ? FLAG_MISSING : 0) |                      \
               (ts_node_has_error(node) ? FLAG_HAS_ERROR : 0) |                     \
               (ts_node_is_extra(node) ? FLAG_EXTRA : 0);                           \
    n++;                                                                            \
  } while (0)

  TSTreeCursor cursor = ts_tree_cursor_new(root);
  PUSH(root, 0);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    size_t depth = 0;
    open[depth++] = 0;
    for (;;) {
      TSNode node = ts_tree_cursor_current_node(&cursor);
      size_t i = n;
      PUSH(node, ts_tree_cursor_current_field_id(&cursor));
      if (named[type_ids[i]] && ts_tree_cursor_goto_first_child(&cursor)) {
        if (depth == open_cap) {
          uint32_t *grown = (uint32_t *)realloc(open, open_cap * 2 * sizeof(uint32_t));
          if (!grown) {
            overflow = true;
            goto done;
          }
          open = grown;
          open_cap *= 2;
        }
        open[depth++] = (uint32_t)i;
        continue;
      }
      bool finished = false;
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        uint32_t p = open[--depth];
        sizes[p] = (uint32_t)(n - p);
        if (p == 0) {
          finished = true;
          break;
        }
        ts_tree_cursor_goto_parent(&cursor);
      }
      if (finished) break;
    }
  }
done:
#undef PUSH
  ts_tree_cursor_delete(&cursor);
  free(named);
  free(open);
  if (overflow) {
    napi_throw_error(env, NULL, "columns: the walk outgrew the tree's descendant count");
    return NULL;
  }
  sizes[0] = (uint32_t)n;

  napi_value out;
  CHECK(napi_create_object(env, &out));
  napi_value arrays[6] = {a_types, a_starts, a_ends, a_fields, a_sizes, a_flags};
  const char *names[6] = {"typeIds", "starts", "ends", "fieldIds", "sizes", "flags"};
  napi_typedarray_type kinds[6] = {napi_uint16_array, napi_uint32_array, napi_uint32_array, napi_uint16_array, napi_uint32_array, napi_uint8_array};
  for (int k = 0; k < 6; k++) {
    napi_value arr = arrays[k];
    if (n < cap) {
      /* a view of the first n entries (the buffer was sized by the bound) */
      napi_typedarray_type kind;
      size_t len, off;
      void *data;
      napi_value ab;
      CHECK(napi_get_typedarray_info(env, arrays[k], &kind, &len, &data, &ab, &off));
      CHECK(napi_create_typedarray(env, kinds[k], n, ab, 0, &arr));
    }
    CHECK(napi_set_named_property(env, out, names[k], arr));
  }
  return out;
}

/* ---- module -------------------------------------------------------------------------------- */

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"tables", NULL, js_tables, NULL, NULL, NULL, napi_enumerable, NULL},
      {"newParser", NULL, js_new_parser, NULL, NULL, NULL, napi_enumerable, NULL},
      {"deleteParser", NULL, js_delete_parser, NULL, NULL, NULL, napi_enumerable, NULL},
      {"parse", NULL, js_parse, NULL, NULL, NULL, napi_enumerable, NULL},
      {"edit", NULL, js_edit, NULL, NULL, NULL, napi_enumerable, NULL},
      {"deleteTree", NULL, js_delete_tree, NULL, NULL, NULL, napi_enumerable, NULL},
      {"columns", NULL, js_columns, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
