-- hold + capture pairs on one hot account: each connection places a hold, then captures it (run with as many
-- threads as connections, so that each thread's requests are one connection's, in order)
package.path = "scripts/wrk/?.lua;" .. package.path
local common = require("common")
setup, init = common.setup, common.init
local placing = true
function request()
  if placing then
    counter = counter + 1
    return wrk.format("POST", "/api/v1/accounts/" .. (os.getenv("WRK_ACCOUNT") or "hot") .. "/holds", common.headers(),
      string.format('{"holdId":"h%d-%d-%d","service":"PHOTO_VERIFICATION"}', id, stamp, counter))
  end
  return wrk.format("POST", string.format("/api/v1/accounts/%s/holds/h%d-%d-%d/capture", os.getenv("WRK_ACCOUNT") or "hot", id, stamp, counter),
    common.headers(), string.format('{"requestId":"c%d-%d-%d","resultCode":"Success"}', id, stamp, counter))
end
function response(status, headers, body)
  placing = not placing
end
