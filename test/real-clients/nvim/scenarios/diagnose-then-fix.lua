-- Scenario: open a file with a syntax error, check nvim received the expected diagnostics, apply
-- an edit that fixes it (nvim sends an incremental didChange), check the diagnostics clear.
--
--   PPA_FILE    the file to open
--   PPA_EXPECT  JSON array of expected diagnostics, in line order; each names only the fields to
--               compare (lnum, col, end_lnum, end_col: 0-based; message, severity, code, source)
--   PPA_FIX     JSON {"start": s, "end": e, "lines": [...]}: arguments of nvim_buf_set_lines
--               (0-based, end exclusive) for the edit that removes every error
--   plus the library's PPA_LSP_CMD, PPA_ROOT, PPA_TIMEOUT_MS, PPA_RESULT_FILE
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
package.path = here .. '../lib/?.lua;' .. package.path
local lsp = require('ppa_lsp')

lsp.run(function()
  local file = lsp.env('PPA_FILE') or lsp.abort('PPA_FILE is required')
  local expect = lsp.env_json('PPA_EXPECT') or lsp.abort('PPA_EXPECT is required')
  local fix = lsp.env_json('PPA_FIX') or lsp.abort('PPA_FIX is required')

  local session = lsp.start()
  local bufnr = lsp.open(session, file)

  -- 1. the diagnostics of the opened text (version 0)
  local first = lsp.wait_publication(session, bufnr, 0)
  lsp.check('diagnostics published for the opened file', first ~= nil, first)
  local before = lsp.diagnostics(bufnr)
  lsp.result.before = before
  lsp.check('published diagnostics match the expectation', lsp.matches(before, expect), { actual = before, expected = expect })

  -- 2. the fixing edit, sent by nvim's own change tracking
  local seen = lsp.publication_count(session)
  vim.api.nvim_buf_set_lines(bufnr, fix.start, fix['end'], false, fix.lines)
  local cleared = lsp.wait_publication(session, bufnr, seen, function(p)
    return p.count == 0
  end)
  lsp.check('an empty publication arrives after the fix', cleared ~= nil, { version = lsp.version(bufnr), publication = cleared })
  local after = lsp.diagnostics(bufnr)
  lsp.result.after = after
  lsp.check('diagnostics clear after the fix', #after == 0, after)

  -- 3. the edit really went over the wire as ranged (incremental) changes
  local ranged = #session.did_change > 0
  for _, dc in ipairs(session.did_change) do
    for _, c in ipairs(dc.changes) do
      if c.range == nil then
        ranged = false
      end
    end
  end
  lsp.result.did_change = session.did_change
  lsp.check('didChange carried ranged (incremental) edits', ranged, session.did_change)
  lsp.result.publications = session.publications
  lsp.check('publications carry the document versions nvim sent', lsp.versions_echoed(session, bufnr), session.publications)
end)
