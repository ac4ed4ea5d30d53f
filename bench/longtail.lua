-- wrk script: every request asks for another address, read from the file named by the
-- environment variable LONGTAIL_PATHS (one path per line), as a crawler or searching visitors
-- would; no cache can answer from an earlier request. Each wrk thread starts at its own place.
--   LONGTAIL_PATHS=/tmp/searches.txt wrk -t2 -c32 -d30s -s bench/longtail.lua http://127.0.0.1:8765
local paths = {}
local next_index = 0
local made = 0

function setup(thread)
  made = made + 1
  thread:set("thread_number", made)
end

function init(args)
  local file = os.getenv("LONGTAIL_PATHS")
  if file == nil then
    error("LONGTAIL_PATHS must name a file of paths")
  end
  for line in io.lines(file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("no paths in " .. file) end
  next_index = ((thread_number or 1) - 1) * math.floor(#paths / 2)
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end
