-- Scenario: go to definition from a use of a package constant to its declaration in the package's
-- file, which is never opened by hand (the server knows it from indexing the workspace folder).
--
--   PPA_FILE      the SystemVerilog file to open
--   PPA_DEF       JSON {line, character, file, target_line}: 0-based use position; where the
--                 definition must land
--   plus the library's PPA_LSP_CMD, PPA_ROOT, PPA_TIMEOUT_MS, PPA_RESULT_FILE
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
package.path = here .. '../lib/?.lua;' .. package.path
local lsp = require('ppa_lsp')

lsp.run(function()
  local file = lsp.env('PPA_FILE') or lsp.abort('PPA_FILE is required')
  local def = lsp.env_json('PPA_DEF') or lsp.abort('PPA_DEF is required')

  local session = lsp.start()
  local bufnr = lsp.open(session, file)
  lsp.wait_publication(session, bufnr, 0)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = def.line, character = def.character } }

  local locations
  lsp.wait(function()
    locations = lsp.request(session, bufnr, 'textDocument/definition', params)
    return locations ~= nil and #locations > 0
  end)
  lsp.result.definition = locations
  lsp.check('definition found one location', locations ~= nil and #locations == 1, locations)
  if locations and #locations == 1 then
    vim.lsp.util.jump_to_location(locations[1], 'utf-16')
    local landed = vim.api.nvim_buf_get_name(0)
    local cursor = vim.api.nvim_win_get_cursor(0)
    lsp.result.jumped = { file = landed, line = cursor[1] - 1, col = cursor[2] }
    lsp.check('definition jumps into the package file', landed == def.file, landed)
    lsp.check('definition lands on the declaration line', cursor[1] - 1 == def.target_line, cursor)
    local word = vim.fn.expand('<cword>')
    lsp.result.word = word
    lsp.check('the cursor is on the constant', word == def.word, word)
  end
end)
