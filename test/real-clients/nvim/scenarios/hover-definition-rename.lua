-- Scenario: language features as Neovim itself uses them, on a two-file design where the opened
-- file instantiates a module of the other (which is never opened by hand: the server knows it from
-- indexing the workspace folder).
--   1. hover on a named port connection shows the port of the other module, with its width;
--   2. go to definition on that port jumps into the other file (nvim's own jump_to_location);
--   3. rename of the port through vim.lsp.buf.rename changes both buffers, and the texts are
--      returned so the test can compare them.
--
--   PPA_FILE      the file to open (0-based positions below are in it)
--   PPA_HOVER     JSON {line, character, expect}: hover position and a substring the hover must show
--   PPA_DEF       JSON {line, character, file, target_line}: definition must land in `file` at line
--   PPA_RENAME    JSON {line, character, new_name}
--   plus the library's PPA_LSP_CMD, PPA_ROOT, PPA_TIMEOUT_MS, PPA_RESULT_FILE
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
package.path = here .. '../lib/?.lua;' .. package.path
local lsp = require('ppa_lsp')

local function pos_params(bufnr, p)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = p.line, character = p.character } }
end

local function hover_text(result)
  if not result or not result.contents then
    return nil
  end
  local c = result.contents
  if type(c) == 'string' then
    return c
  end
  return c.value
end

lsp.run(function()
  local file = lsp.env('PPA_FILE') or lsp.abort('PPA_FILE is required')
  local hov = lsp.env_json('PPA_HOVER') or lsp.abort('PPA_HOVER is required')
  local def = lsp.env_json('PPA_DEF') or lsp.abort('PPA_DEF is required')
  local ren = lsp.env_json('PPA_RENAME') or lsp.abort('PPA_RENAME is required')

  local session = lsp.start()
  local bufnr = lsp.open(session, file)
  lsp.wait_publication(session, bufnr, 0)

  -- The other file becomes known when the workspace indexing has reached it.
  local locations
  lsp.wait(function()
    locations = lsp.request(session, bufnr, 'textDocument/definition', pos_params(bufnr, def))
    return locations ~= nil and #locations > 0
  end)
  lsp.result.definition = locations

  -- 1. hover
  local h = lsp.request(session, bufnr, 'textDocument/hover', pos_params(bufnr, hov))
  local text = hover_text(h)
  lsp.result.hover = text
  lsp.check('hover answered with markdown', h ~= nil and type(h.contents) == 'table' and h.contents.kind == 'markdown', h)
  lsp.check('hover shows the expected text', text ~= nil and text:find(hov.expect, 1, true) ~= nil, { text = text, expect = hov.expect })

  -- 2. definition across files, followed the way nvim follows it
  lsp.check('definition found one location', locations ~= nil and #locations == 1, locations)
  if locations and #locations == 1 then
    vim.lsp.util.jump_to_location(locations[1], 'utf-16')
    local landed = vim.api.nvim_buf_get_name(0)
    local cursor = vim.api.nvim_win_get_cursor(0)
    lsp.result.jumped = { file = landed, line = cursor[1] - 1, col = cursor[2] }
    lsp.check('definition jumps into the other file', landed == def.file, landed)
    lsp.check('definition lands on the declaration line', cursor[1] - 1 == def.target_line, cursor)
    vim.api.nvim_set_current_buf(bufnr)
  end

  -- 3. rename through nvim's own handler (applies the WorkspaceEdit to buffers)
  vim.api.nvim_win_set_cursor(0, { ren.line + 1, ren.character })
  local before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  vim.lsp.buf.rename(ren.new_name)
  local changed = lsp.wait(function()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= before
  end)
  lsp.check('rename changed the opened buffer', changed)
  local other = vim.fn.bufnr(def.file)
  lsp.check('rename loaded the other file into a buffer', other ~= -1, other)
  lsp.result.renamed = {
    opened = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false),
    other = other ~= -1 and vim.api.nvim_buf_get_lines(other, 0, -1, false) or nil,
  }
  -- Leave the files on disk untouched: the edits live in the buffers only.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    vim.api.nvim_buf_set_option(b, 'modified', false)
  end
end)
