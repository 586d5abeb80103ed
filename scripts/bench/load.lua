-- wrk script of scripts/bench/load.ts: signed-in sessions looping dashboard tab -> search -> details -> next page.
-- LOAD_PLAN (a file: one line per session, "cookie<TAB>details path") and LOAD_THINK_MS come from the environment.
-- Each connection runs one session at a time; delay() is the think time between a page and the next.
local sessions = {}
local think = tonumber(os.getenv("LOAD_THINK_MS") or "0")
for line in io.lines(os.getenv("LOAD_PLAN")) do
  local cookie, details, locale = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
  sessions[#sessions + 1] = { cookie = cookie, details = details, locale = locale }
end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

local counter = 0
local bad = 0
local nthreads = tonumber(os.getenv("LOAD_THREADS") or "1")
function request()
  -- Session k of this thread at step s of its loop: the sessions take turns, each going through the four pages.
  local per = math.max(1, math.floor(#sessions / nthreads))
  local k = id * per + (counter % per) + 1
  local step = math.floor(counter / per) % 4
  counter = counter + 1
  local s = sessions[((k - 1) % #sessions) + 1]
  local path
  if step == 0 then
    path = "/" .. s.locale .. "/requests?tab=todo"
  elseif step == 1 then
    path = "/" .. s.locale .. "/requests?lastName=Tr&status=ALL"
  elseif step == 2 then
    path = s.details
  else
    path = "/" .. s.locale .. "/requests?tab=complete&page=2"
  end
  return wrk.format("GET", path, { ["Cookie"] = s.cookie, ["Accept-Encoding"] = "gzip" })
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function delay()
  return think
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local notok = 0
  for _, t in ipairs(threads) do notok = notok + (t:get("bad") or 0) end
  io.write(string.format(
    'LOAD_RESULT {"requests":%d,"durationUs":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"socketErrors":%d,"notOk":%d}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, notok))
end
