-- single metered calls on one account (WRK_ACCOUNT, default hot), every request a new requestId
package.path = "scripts/wrk/?.lua;" .. package.path
local common = require("common")
setup, init = common.setup, common.init
function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/accounts/" .. (os.getenv("WRK_ACCOUNT") or "hot") .. "/calls", common.headers(),
    string.format('{"requestId":"w%d-%d-%d","service":"LIVENESS_VERIFICATION"}', id, stamp, counter))
end
