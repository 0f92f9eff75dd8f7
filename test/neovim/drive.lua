-- Drives the Lifeline language server from Neovim 0.7 (headless, `-u NONE`), through Neovim's
-- own LSP client. Every wait polls a condition with vim.wait; nothing sleeps a fixed time.
-- Inputs (environment): LIFELINE_SERVER (path to dist/server.js), LIFELINE_FILE (the .seq
-- file to edit), LIFELINE_RESULT (where to write the JSON result), LIFELINE_NODE (node).
local server = os.getenv('LIFELINE_SERVER')
local file = os.getenv('LIFELINE_FILE')
local result_path = os.getenv('LIFELINE_RESULT')
local node = os.getenv('LIFELINE_NODE') or 'node'
local WAIT = 20000

local result = { steps = {} }
local function write_result()
  local f = assert(io.open(result_path, 'w'))
  f:write(vim.json.encode(result))
  f:close()
end
local function fail(msg)
  result.error = msg
  write_result()
  vim.cmd('cquit 1')
end
local function step(name) table.insert(result.steps, name) end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)

  local client_id = vim.lsp.start_client({
    name = 'lifeline',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  })
  if not client_id then return fail('start_client returned nil') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  step('started')

  local function codes()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(out, d.code) end
    table.sort(out)
    return out
  end
  local function has_code(code)
    for _, c in ipairs(codes()) do if c == code then return true end end
    return false
  end

  -- 1. Diagnostics arrive.
  if not vim.wait(WAIT, function() return has_code('undeclared-participant') end, 20) then
    return fail('no undeclared-participant diagnostic arrived; got ' .. vim.inspect(codes()))
  end
  result.diagnostics_before = codes()
  step('diagnostics')

  local client = vim.lsp.get_client_by_id(client_id)

  -- 2. Completion after an arrow lists the participants.
  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  local line = vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1]
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = last, character = #line },
  }, WAIT)
  local labels = {}
  for _, r in pairs(responses or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do table.insert(labels, item.label) end
  end
  table.sort(labels)
  result.completion = labels
  step('completion')

  -- 3. The "Declare" quick fix, applied with apply_workspace_edit, clears the diagnostic.
  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'undeclared-participant' then target = d break end
  end
  local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.lnum)
  local action_responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } },
    context = { diagnostics = lsp_diags },
  }, WAIT)
  local titles, declare = {}, nil
  for _, r in pairs(action_responses or {}) do
    for _, action in ipairs(r.result or {}) do
      table.insert(titles, action.title)
      if action.title:match('^Declare ') and action.title ~= 'Declare all undeclared participants' then declare = declare or action end
    end
  end
  result.actions = titles
  if not declare then return fail('no Declare action among ' .. vim.inspect(titles)) end
  vim.lsp.util.apply_workspace_edit(declare.edit, client.offset_encoding)
  step('applied')
  if not vim.wait(WAIT, function() return not has_code('undeclared-participant') end, 20) then
    return fail('the undeclared-participant diagnostic did not clear; got ' .. vim.inspect(codes()))
  end
  result.diagnostics_after = codes()
  result.text_after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  step('cleared')

  vim.lsp.stop_client(client_id)
  vim.wait(WAIT, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  step('stopped')
end)

if not ok then return fail('Lua error: ' .. tostring(err)) end
write_result()
vim.cmd('qall!')
