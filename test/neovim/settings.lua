-- Settings from Neovim 0.7 (headless, `-u NONE`): the client's `settings`, sent with
-- workspace/didChangeConfiguration from on_init as Neovim's manual asks (0.7 does not offer
-- workspace/configuration), set the severity; changing them and notifying again makes the
-- server re-publish. Every wait polls with vim.wait. Inputs (environment): LIFELINE_SERVER,
-- LIFELINE_FILE, LIFELINE_RESULT, LIFELINE_NODE (as drive.lua).
local WAIT = 20000
local result = { steps = {}, severities = {} }
local function finish(err)
  result.error = err
  local f = assert(io.open(os.getenv('LIFELINE_RESULT'), 'w'))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd(err and 'cquit 1' or 'qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('LIFELINE_FILE')))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'lifeline',
    cmd = { os.getenv('LIFELINE_NODE') or 'node', os.getenv('LIFELINE_SERVER'), '--stdio' },
    root_dir = vim.fn.fnamemodify(os.getenv('LIFELINE_FILE'), ':h'),
    settings = { lifeline = { diagnostics = { undeclaredParticipant = 'error' } } },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  })
  if not client_id then return finish('start_client returned nil') end
  vim.lsp.buf_attach_client(buf, client_id)

  -- The severities of the undeclared-participant diagnostics, as one string ('' when none).
  local function undeclared()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'undeclared-participant' then table.insert(out, tostring(d.severity)) end
    end
    return table.concat(out, ',')
  end
  local function expect(name, wanted)
    if not vim.wait(WAIT, function() return undeclared() == wanted end, 20) then
      return false, name .. ': expected severities "' .. wanted .. '", got "' .. undeclared() .. '"'
    end
    result.severities[name] = undeclared()
    table.insert(result.steps, name)
    return true
  end

  local E, H = vim.diagnostic.severity.ERROR, vim.diagnostic.severity.HINT
  local good, why = expect('error', E .. ',' .. E)
  if not good then return finish(why) end

  local client = vim.lsp.get_client_by_id(client_id)
  local function set(value)
    client.config.settings.lifeline.diagnostics.undeclaredParticipant = value
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  end
  set('hint')
  good, why = expect('hint', H .. ',' .. H)
  if not good then return finish(why) end
  set('off')
  good, why = expect('off', '')
  if not good then return finish(why) end
  -- Other diagnostics stay when undeclared participants are off.
  local others = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(others, d.code) end
  result.others = others

  vim.lsp.stop_client(client_id)
  vim.wait(WAIT, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  finish(nil)
end)
if not ok then finish('Lua error: ' .. tostring(err)) end
