-- the soak's mixed load (scripts/soak.sh), paced: each connection waits WRK_DELAY_MS between requests. Per request,
-- by weight: a single call on one of 100 accounts (60 %), a call on the hot account (10 %), a batch of 20 calls over
-- the 100 accounts (5 %), a quota read (10 %), a packages read (5 %), a hold then its capture
-- (10 %: the next request of that connection is the capture). Every id is new.
package.path = "scripts/wrk/?.lua;" .. package.path
local common = require("common")
setup, init = common.setup, common.init
local capture = nil

function delay()
  return tonumber(os.getenv("WRK_DELAY_MS") or "4")
end

local function account()
  return "acct-" .. math.random(1, 100)
end

function request()
  counter = counter + 1
  local h = common.headers()
  if capture then
    local path = capture
    capture = nil
    return wrk.format("POST", path, h, string.format('{"requestId":"sc%d-%d-%d","resultCode":"Success"}', id, stamp, counter))
  end
  local r = math.random(1, 100)
  if r <= 60 then
    return wrk.format("POST", "/api/v1/accounts/" .. account() .. "/calls", h,
      string.format('{"requestId":"s%d-%d-%d","service":"LIVENESS_VERIFICATION"}', id, stamp, counter))
  elseif r <= 70 then
    return wrk.format("POST", "/api/v1/accounts/hot/calls", h,
      string.format('{"requestId":"sh%d-%d-%d","service":"PHOTO_VERIFICATION"}', id, stamp, counter))
  elseif r <= 75 then
    local calls = {}
    for i = 1, 20 do
      calls[i] = string.format('{"accountId":"%s","requestId":"sb%d-%d-%d-%d","service":"ID_VERIFICATION"}',
        account(), id, stamp, counter, i)
    end
    return wrk.format("POST", "/api/v1/calls:batch", h, '{"calls":[' .. table.concat(calls, ",") .. ']}')
  elseif r <= 85 then
    return wrk.format("GET", "/api/v1/accounts/" .. account() .. "/quota", h)
  elseif r <= 90 then
    return wrk.format("GET", "/api/v1/accounts/" .. account() .. "/packages", h)
  else
    local hold = string.format("sh%d-%d-%d", id, stamp, counter)
    capture = "/api/v1/accounts/hot/holds/" .. hold .. "/capture"
    return wrk.format("POST", "/api/v1/accounts/hot/holds", h,
      string.format('{"holdId":"%s","service":"PHOTO_VERIFICATION"}', hold))
  end
end
