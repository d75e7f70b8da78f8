-- a signed-in console page: GET WRK_PATH with the session cookie WRK_COOKIE; prints the 95th percentile (µs)
function request()
  return wrk.format("GET", os.getenv("WRK_PATH"), {["Cookie"] = "LEDGER_CONSOLE=" .. os.getenv("WRK_COOKIE")})
end
function done(summary, latency, requests)
  io.write(string.format("p95 %d\n", latency:percentile(95)))
end
