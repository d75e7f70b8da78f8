-- hold + capture pairs on one hot account: each connection places a hold, then captures it (run with as many
-- threads as connections, so that each thread's requests are one connection's, in order)
local counter = 0
local placing = true
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function request()
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("WRK_KEY")}
  if placing then
    counter = counter + 1
    return wrk.format("POST", "/api/v1/accounts/hot/holds", headers,
      string.format('{"holdId":"h%d-%d-%d","service":"PHOTO_VERIFICATION"}', id, stamp, counter))
  end
  return wrk.format("POST", string.format("/api/v1/accounts/hot/holds/h%d-%d-%d/capture", id, stamp, counter),
    headers, string.format('{"requestId":"c%d-%d-%d","resultCode":"Success"}', id, stamp, counter))
end
function response(status, headers, body)
  placing = not placing
end
function init(args)
  stamp = os.time()
end
