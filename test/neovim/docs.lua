-- Runs the Neovim configuration of docs/editors.md (extracted by docs.test.ts) and checks that
-- it works: the filetype is set, the server attaches, diagnostics arrive, :LifelineSeverity
-- changes their severity, :LifelinePreview shows the diagram. Every wait polls with vim.wait.
local result_path = os.getenv('LIFELINE_RESULT')
local WAIT = 20000
local result = { steps = {} }
local function finish(err)
  result.error = err
  local f = assert(io.open(result_path, 'w'))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd(err and 'cquit 1' or 'qall!')
end

local ok, err = pcall(function()
  vim.g.lifeline_cmd = { os.getenv('LIFELINE_NODE'), os.getenv('LIFELINE_SERVER'), '--stdio' }
  dofile(os.getenv('LIFELINE_CONFIG'))
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('LIFELINE_FILE')))
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  result.omnifunc = vim.bo[buf].omnifunc
  if not vim.wait(WAIT, function() return #vim.diagnostic.get(buf) > 0 end, 20) then return finish('no diagnostics arrived') end
  result.codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(result.codes, d.code) end
  table.insert(result.steps, 'diagnostics')
  -- :LifelineSeverity changes the setting; the server re-publishes at the new severity, or not at all with off.
  local function severities()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(out, tostring(d.severity)) end
    return table.concat(out, ',')
  end
  result.severities = { before = severities() }
  for _, level in ipairs({ 'error', 'off' }) do
    vim.cmd('LifelineSeverity ' .. level)
    local wanted = level == 'error' and tostring(vim.diagnostic.severity.ERROR) or ''
    if not vim.wait(WAIT, function() return severities() == wanted end, 20) then
      return finish(':LifelineSeverity ' .. level .. ' left the severities at "' .. severities() .. '"')
    end
    result.severities[level] = severities()
  end
  table.insert(result.steps, 'severity')
  vim.cmd('LifelinePreview')
  local preview
  local shown = vim.wait(WAIT, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      local b = vim.api.nvim_win_get_buf(win)
      if b ~= buf then
        local lines = vim.api.nvim_buf_get_lines(b, 0, -1, false)
        if #lines > 1 then preview = lines return true end
      end
    end
    return false
  end, 20)
  if not shown then return finish('the preview did not open') end
  result.preview = preview
  table.insert(result.steps, 'preview')
  finish(nil)
end)
if not ok then finish('Lua error: ' .. tostring(err)) end
