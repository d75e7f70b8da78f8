-- shared by the request scripts: each wrk thread gets a number (setup) and a start stamp (init), so that every
-- request id it makes is new: "<thread>-<stamp>-<counter>"
local common = {}
local threads = {}

function common.setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function common.init(args)
  stamp = os.time()
  counter = 0
end

function common.headers()
  return {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("WRK_KEY")}
end

return common
