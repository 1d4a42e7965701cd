-- A fixed count of requests per wrk thread. wrk only knows durations: each thread stops
-- itself after its count, and done() reports the count and the wall time it took, so
-- the rate is not diluted by the idle rest of the run, and the 95th percentile latency.
-- With WRK_PATHS_FILE (one path a line), the requests go to those paths in turn, each
-- thread starting at its own place in the list.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } timeval;
  int gettimeofday(timeval *tv, void *tz);
]]

local function now()
  local tv = ffi.new("timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

local threads = {}

function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

function init(args)
  limit = tonumber(os.getenv("WRK_REQUESTS_PER_THREAD") or "1000")
  counter = 0
  started = now()
  finished = nil
  paths = {}
  local file = os.getenv("WRK_PATHS_FILE")
  if file and file ~= "" then
    for line in io.lines(file) do
      table.insert(paths, line)
    end
  end
  next_path = math.floor(#paths / 2) * number
end

-- Defined only with a paths file: without request(), wrk sends its one prepared request,
-- with no Lua call per request.
if (os.getenv("WRK_PATHS_FILE") or "") ~= "" then
  function request()
    next_path = next_path % #paths + 1
    return wrk.format(nil, paths[next_path])
  end
end

function response(status, headers, body)
  counter = counter + 1
  if counter == limit then
    finished = now()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local first, last, total = math.huge, 0, 0
  for _, thread in ipairs(threads) do
    first = math.min(first, thread:get("started"))
    last = math.max(last, thread:get("finished") or now())
    total = total + thread:get("counter")
  end
  io.write(string.format("FIXED-COUNT requests=%d seconds=%.4f p95_us=%d\n", total,
                          last - first, latency:percentile(95.0)))
end
