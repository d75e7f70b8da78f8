-- an authenticated GET of WRK_PATH (the trivial-request ceiling, or quota reads)
function request()
  return wrk.format("GET", os.getenv("WRK_PATH"), {["Authorization"] = "Bearer " .. os.getenv("WRK_KEY")})
end
