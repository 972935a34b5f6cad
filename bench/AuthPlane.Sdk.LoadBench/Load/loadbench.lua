-- wrk script of the AuthPlane load benchmark.
-- Arguments (after "--"): headers_file body_file expected_status thread_count [pool_file]
--   headers_file: header lines sent with every request ("Name: value", one per line)
--   body_file:    the JSON-RPC body
--   pool_file:    optional; one line per request, each line one or more header lines separated by tabs
--                 (a token, or a DPoP proof), dealt round-robin to the threads and used once each; a thread
--                 that has used its share stops (a request that still goes out is counted as "reused")
-- Every response whose status differs from expected_status is counted; done() prints one JSON line, and the
-- first unexpected answer (status, WWW-Authenticate, start of the body) on a line of its own.

local threads = {}
local next_thread_id = 0

function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

unexpected = 0
reused = 0
local expected_status = 200
local fixed_request, head, tail, pool, pool_size, cursor, wrapped

local function read_file(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

function init(args)
  local headers = {}
  for line in io.lines(args[1]) do
    if #line > 0 then headers[#headers + 1] = line end
  end
  local body = read_file(args[2])
  expected_status = tonumber(args[3])
  local thread_count = tonumber(args[4])
  head = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. wrk.host .. ":" .. wrk.port .. "\r\n"
      .. table.concat(headers, "\r\n") .. "\r\n"
  tail = "Content-Length: " .. #body .. "\r\n\r\n" .. body
  if args[5] == nil then
    fixed_request = head .. tail
    return
  end
  pool = {}
  local index = 0
  for line in io.lines(args[5]) do
    if #line > 0 then
      if index % thread_count == thread_id then
        pool[#pool + 1] = (line:gsub("\t", "\r\n")) .. "\r\n"
      end
      index = index + 1
    end
  end
  pool_size = #pool
  assert(pool_size > 0, "empty pool for a thread")
  cursor = 0
  wrapped = false
end

function request()
  if fixed_request then return fixed_request end
  cursor = cursor + 1
  if cursor > pool_size then
    -- This thread's share is used up: stop it rather than resend. The request returned now may still go out
    -- (at most one per connection); it is counted as reused.
    cursor = 1
    wrapped = true
    wrk.thread:stop()
  end
  if wrapped then reused = reused + 1 end
  return head .. pool[cursor] .. tail
end

function response(status, headers, body)
  if status ~= expected_status then
    unexpected = unexpected + 1
    if first_error == nil then
      local challenge = headers["WWW-Authenticate"] or headers["www-authenticate"] or ""
      first_error = status .. " " .. challenge .. " " .. string.sub(body or "", 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local bad, again, example = 0, 0, nil
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    again = again + thread:get("reused")
    example = example or thread:get("first_error")
  end
  if example then
    io.write("LOADBENCH-FIRST-ERROR " .. string.gsub(example, "[\r\n]", " ") .. "\n")
  end
  local e = summary.errors
  io.write(string.format(
    'LOADBENCH {"requests":%d,"durationUs":%d,"p50Us":%.0f,"p99Us":%.0f,"meanUs":%.1f,"maxUs":%.0f,'
      .. '"unexpected":%d,"reused":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean, latency.max,
    bad, again, e.connect, e.read, e.write, e.timeout))
end
