-- Scenario: estimates as Neovim receives them, on a design whose `// ppa: clock` target is missed.
--   1. the budget warning arrives in nvim's diagnostics at the path's endpoint register, with the
--      LSP relatedInformation (every stage of the path, and where the target was set) kept in
--      user_data.lsp, as nvim stores it;
--   2. code lenses: the request answers one lens per module header, and nvim's own
--      vim.lsp.codelens.refresh() stores them for the buffer (titles are returned for the test);
--   3. inlay hints (nvim 0.7 has no client support: a plain request): arrival times on the
--      critical path lines, the area beside each instantiation.
--
--   PPA_FILE    the top file to open
--   PPA_EXPECT  JSON {lnum, col, code, message_has, related_min}: the budget warning (0-based)
--   PPA_LENS    JSON {count, title_has: [...]}: lenses of the opened file
--   PPA_HINTS   JSON {lines: [...], label_prefixes: [...]}: lines (0-based) that carry a hint
--   plus the library's PPA_LSP_CMD, PPA_ROOT, PPA_TIMEOUT_MS, PPA_RESULT_FILE
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
package.path = here .. '../lib/?.lua;' .. package.path
local lsp = require('ppa_lsp')

local function budget_diagnostic(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local raw = d.user_data and d.user_data.lsp
    if raw and raw.code == code then
      return d, raw
    end
  end
  return nil
end

lsp.run(function()
  local file = lsp.env('PPA_FILE') or lsp.abort('PPA_FILE is required')
  local expect = lsp.env_json('PPA_EXPECT') or lsp.abort('PPA_EXPECT is required')
  local lens = lsp.env_json('PPA_LENS') or lsp.abort('PPA_LENS is required')
  local hints = lsp.env_json('PPA_HINTS') or lsp.abort('PPA_HINTS is required')

  local session = lsp.start()
  local bufnr = lsp.open(session, file)
  local opened_at = lsp.now_ms()

  -- 1. the warning comes with the estimate, after the syntax/semantic publication
  local d, raw
  lsp.wait(function()
    d, raw = budget_diagnostic(bufnr, expect.code)
    return d ~= nil
  end)
  lsp.result.budget_after_ms = math.floor(lsp.now_ms() - opened_at)
  lsp.check('budget warning published', d ~= nil)
  if d then
    lsp.result.budget = { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message }
    lsp.check('warning at the endpoint register', d.lnum == expect.lnum and d.col == expect.col, { lnum = d.lnum, col = d.col })
    lsp.check('warning severity', d.severity == vim.diagnostic.severity.WARN, d.severity)
    lsp.check('message names the slack', d.message:find(expect.message_has, 1, true) ~= nil, d.message)
    local related = raw.relatedInformation or {}
    lsp.result.related = {}
    for _, r in ipairs(related) do
      table.insert(lsp.result.related, { line = r.location.range.start.line, message = r.message, uri = r.location.uri })
    end
    lsp.check('related locations for every stage', #related >= expect.related_min, #related)
  end

  -- 2. code lenses, requested and through nvim's own codelens module
  local lenses = lsp.request(session, bufnr, 'textDocument/codeLens', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }) or {}
  lsp.result.lenses = {}
  for _, l in ipairs(lenses) do
    table.insert(lsp.result.lenses, { line = l.range.start.line, title = l.command and l.command.title, command = l.command and l.command.command, arguments = l.command and l.command.arguments })
  end
  lsp.check('code lens count', #lenses == lens.count, #lenses)
  local all_titles = table.concat(vim.tbl_map(function(l) return l.command and l.command.title or '' end, lenses), '\n')
  local missing = {}
  for _, s in ipairs(lens.title_has) do
    if not all_titles:find(s, 1, true) then
      table.insert(missing, s)
    end
  end
  lsp.check('code lens titles show the estimate', #missing == 0, { missing = missing, titles = all_titles })
  vim.lsp.codelens.refresh()
  local stored
  lsp.wait(function()
    stored = vim.lsp.codelens.get(bufnr)
    return stored ~= nil and #stored > 0
  end)
  lsp.check('nvim stored the code lenses for the buffer', stored ~= nil and #stored == lens.count, stored and #stored)

  -- 3. inlay hints
  local line_count = vim.api.nvim_buf_line_count(bufnr)
  local got = lsp.request(session, bufnr, 'textDocument/inlayHint', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = line_count, character = 0 } },
  }) or {}
  lsp.result.hints = {}
  local lines = {}
  for _, h in ipairs(got) do
    local label = type(h.label) == 'string' and h.label or ''
    for _, prefix in ipairs(hints.label_prefixes) do
      if label:sub(1, #prefix) == prefix then
        table.insert(lsp.result.hints, { line = h.position.line, character = h.position.character, label = label })
        table.insert(lines, h.position.line)
        break
      end
    end
  end
  lsp.check('inlay hints on the expected lines', vim.deep_equal(lines, hints.lines), lines)
end)
