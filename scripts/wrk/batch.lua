-- calls:batch of WRK_BATCH calls over WRK_ACCOUNTS accounts (acct-1 .. acct-N), new requestIds every request
package.path = "scripts/wrk/?.lua;" .. package.path
local common = require("common")
setup, init = common.setup, common.init
function request()
  counter = counter + 1
  local n = tonumber(os.getenv("WRK_BATCH") or "1000")
  local accounts = tonumber(os.getenv("WRK_ACCOUNTS") or "1000")
  local calls = {}
  for i = 1, n do
    calls[i] = string.format('{"accountId":"acct-%d","requestId":"b%d-%d-%d-%d","service":"PHOTO_VERIFICATION"}',
      ((i - 1) % accounts) + 1, id, stamp, counter, i)
  end
  return wrk.format("POST", "/api/v1/calls:batch", common.headers(), '{"calls":[' .. table.concat(calls, ",") .. ']}')
end
