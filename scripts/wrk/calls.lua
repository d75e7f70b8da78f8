-- single metered calls on one hot account, every request a new requestId (wrk -s scripts/wrk/calls.lua)
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function request()
  counter = counter + 1
  local body = string.format('{"requestId":"w%d-%d-%d","service":"LIVENESS_VERIFICATION"}', id, stamp, counter)
  return wrk.format("POST", "/api/v1/accounts/" .. (os.getenv("WRK_ACCOUNT") or "hot") .. "/calls",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("WRK_KEY")}, body)
end
function init(args)
  stamp = os.time()
end
