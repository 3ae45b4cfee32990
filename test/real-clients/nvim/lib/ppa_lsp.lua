-- Helpers shared by the Neovim 0.7 headless scenarios (one scenario per file in ../scenarios).
--
-- Why a library: every scenario needs the same plumbing (start the server, open a file, wait for
-- the publication of a given document version, collect checks, print one JSON object, exit with a
-- status). Scenarios then read as a list of steps and checks, and new ones (hover, definition,
-- rename, code lens, inlay hints) only add steps.
--
-- Neovim 0.7 facts this relies on: no vim.lsp.start (0.8), so start_client + buf_attach_client;
-- `cquit N` exits with status N; util.buf_versions[bufnr] is the version nvim sends in didChange.
--
-- Environment:
--   PPA_LSP_CMD      JSON array: the server command, e.g. ["node","/abs/dist/cli.js","lsp","--stdio"]
--   PPA_ROOT         workspace root (default: the directory of the first opened file)
--   PPA_TIMEOUT_MS   how long to wait for any single server answer (default 15000)
--   PPA_RESULT_FILE  where to write the JSON result (default: stdout)
local M = {}

local started = vim.loop.hrtime()
local result = { ok = true, checks = {}, events = {} }
M.result = result

function M.now_ms()
  return (vim.loop.hrtime() - started) / 1e6
end

function M.env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then
    return default
  end
  return v
end

function M.env_json(name, default)
  local v = M.env(name)
  if v == nil then
    return default
  end
  return vim.fn.json_decode(v)
end

M.timeout_ms = tonumber(M.env('PPA_TIMEOUT_MS', '15000'))

--- Records a note for the JSON output (what happened, when).
function M.event(name, data)
  table.insert(result.events, { name = name, at_ms = math.floor(M.now_ms()), data = data })
end

--- Records one check; a failed check makes the run fail but the scenario continues, so the
--- JSON shows every mismatch at once.
function M.check(name, ok, detail)
  table.insert(result.checks, { name = name, ok = ok and true or false, detail = detail })
  if not ok then
    result.ok = false
  end
  return ok
end

local function write_result()
  local text = vim.fn.json_encode(result) .. '\n'
  local path = M.env('PPA_RESULT_FILE')
  if path then
    local f = assert(io.open(path, 'w'))
    f:write(text)
    f:close()
  else
    io.stdout:write(text)
  end
end

--- Ends the run: stops every client, prints the result and exits 0 (all checks passed) or 1.
function M.finish()
  for _, session in ipairs(M._sessions or {}) do
    M.stop(session)
  end
  result.elapsed_ms = math.floor(M.now_ms())
  write_result()
  if result.ok then
    vim.cmd('qall!')
  else
    vim.cmd('cquit 1')
  end
end

--- Aborts the run (setup problem or a step that cannot continue): exit status 2.
function M.abort(msg)
  result.ok = false
  result.error = msg
  io.stderr:write('ppa_lsp: ' .. msg .. '\n')
  pcall(write_result)
  vim.cmd('cquit 2')
end

--- Waits until pred() is true; false on timeout.
function M.wait(pred, timeout_ms)
  return vim.wait(timeout_ms or M.timeout_ms, pred, 10)
end

--- Starts the server. The returned session records every publishDiagnostics (uri, version,
--- count) and every didChange nvim sends, so scenarios can wait for "the diagnostics of version N"
--- and can prove that the sync really was incremental.
function M.start(opts)
  opts = opts or {}
  local cmd = opts.cmd or M.env_json('PPA_LSP_CMD')
  if type(cmd) ~= 'table' then
    return M.abort('PPA_LSP_CMD must be a JSON array')
  end
  local session = { publications = {}, did_change = {}, exit = nil }
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  local client_id = vim.lsp.start_client({
    name = 'ppa-lens',
    cmd = cmd,
    root_dir = opts.root_dir or M.env('PPA_ROOT') or vim.loop.cwd(),
    flags = { debounce_text_changes = opts.debounce_ms or 0 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        table.insert(session.publications, {
          uri = params.uri,
          version = params.version,
          count = #params.diagnostics,
          at_ms = math.floor(M.now_ms()),
        })
        return default_publish(err, params, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      session.exit = { code = code, signal = signal }
    end,
  })
  if not client_id then
    return M.abort('vim.lsp.start_client failed for ' .. table.concat(cmd, ' '))
  end
  session.client_id = client_id
  session.client = vim.lsp.get_client_by_id(client_id)
  -- Wrap notify to keep a copy of each didChange (nvim's change tracking calls client.notify).
  local notify = session.client.notify
  session.client.notify = function(method, params)
    if method == 'textDocument/didChange' then
      table.insert(session.did_change, { version = params.textDocument.version, changes = params.contentChanges })
    end
    return notify(method, params)
  end
  M._sessions = M._sessions or {}
  table.insert(M._sessions, session)
  M.event('start', { cmd = cmd })
  return session
end

--- Opens a file in a buffer and attaches the client (nvim sends didOpen once initialized).
function M.open(session, file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, session.client_id)
  M.event('open', { file = file, bufnr = bufnr })
  return bufnr
end

--- The version nvim last sent for the buffer (0 after didOpen, the changedtick after edits).
function M.version(bufnr)
  return vim.lsp.util.buf_versions[bufnr]
end

--- Number of publishDiagnostics received so far (pass it as `after` to wait for newer ones).
function M.publication_count(session)
  return #session.publications
end

--- Waits for a publishDiagnostics for the buffer received after the first `after` publications
--- and satisfying `accept(publication)` (default: any). Returns it, or nil on timeout.
--- Waiting on arrival order rather than on the version field keeps scenarios independent of
--- whether the server echoes document versions; `versions_echoed` checks that separately.
function M.wait_publication(session, bufnr, after, accept)
  local uri = vim.uri_from_bufnr(bufnr)
  local found
  M.wait(function()
    for i = (after or 0) + 1, #session.publications do
      local p = session.publications[i]
      if p.uri == uri and (accept == nil or accept(p)) then
        found = p
        return true
      end
    end
    return false
  end)
  return found
end

--- Whether each publication's version is a version nvim actually sent for that buffer
--- (LSP: "the version number of the document the diagnostics are published for").
function M.versions_echoed(session, bufnr)
  local uri = vim.uri_from_bufnr(bufnr)
  local sent = { [0] = true }
  for _, dc in ipairs(session.did_change) do
    sent[dc.version] = true
  end
  for _, p in ipairs(session.publications) do
    if p.uri == uri and p.version ~= nil and not sent[p.version] then
      return false
    end
  end
  return true
end

--- nvim's view of the buffer's diagnostics, as plain data (0-based lines and columns).
function M.diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      source = d.source,
      code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or nil,
    })
  end
  table.sort(out, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    return a.col < b.col
  end)
  return out
end

--- Sends a request synchronously and returns the result (or nil and an error).
function M.request(session, bufnr, method, params)
  local res, err = session.client.request_sync(method, params, M.timeout_ms, bufnr)
  if not res then
    return nil, err or 'no response'
  end
  if res.err then
    return nil, res.err
  end
  return res.result
end

--- Stops the client (shutdown + exit) and waits for the server process to end.
function M.stop(session)
  if session.stopped then
    return
  end
  session.stopped = true
  session.client.stop()
  M.wait(function()
    return session.exit ~= nil
  end, 5000)
  M.event('exit', session.exit)
  M.check('server exits with status 0 after shutdown/exit', session.exit ~= nil and session.exit.code == 0, session.exit)
end

--- True when every expected item has a matching actual item at the same index, comparing only
--- the fields the expectation names (so expectations stay small and readable).
function M.matches(actual, expected)
  if #actual ~= #expected then
    return false
  end
  for i, want in ipairs(expected) do
    for k, v in pairs(want) do
      if actual[i][k] ~= v then
        return false
      end
    end
  end
  return true
end

--- Loads the library from a scenario: scenarios call this with their own path.
function M.scenario_dir()
  local src = debug.getinfo(2, 'S').source
  return src:sub(2):match('(.*/)') or './'
end

--- Runs a scenario body under pcall so a Lua error still yields a JSON result and exit status 2.
function M.run(body)
  local ok, err = xpcall(body, debug.traceback)
  if not ok then
    return M.abort(tostring(err))
  end
  M.finish()
end

return M
