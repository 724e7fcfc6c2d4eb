/** The Lua scripts the Redis store runs: each is one atomic step in Redis. */

/** Replaces the snapshot only if it is newer than the stored one, then trims the folded log. */
export const compactScript = `
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local current = redis.call('HGET', KEYS[1], 'head')
local newMs, newSeq = parse(ARGV[2])
if current then
  local ms, seq = parse(current)
  if ms > newMs or (ms == newMs and seq >= newSeq) then return 0 end
end
redis.call('HSET', KEYS[1], 'snapshot', ARGV[1], 'head', ARGV[2])
redis.call('XTRIM', KEYS[2], 'MINID', string.format('%d-%d', newMs, newSeq + 1))
return 1
`;

/** Marks an invitation used unless it already is; returns 1 the first time only. */
export const consumeInvitationScript = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local invitation = cjson.decode(raw)
if invitation.acceptedAt ~= cjson.null and invitation.acceptedAt ~= nil then return 0 end
invitation.acceptedAt = ARGV[1]
redis.call('SET', KEYS[1], cjson.encode(invitation), 'KEEPTTL')
return 1
`;

/** Records the meeting a review reviews, unless the review has closed. */
export const linkReviewScript = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local meeting = cjson.decode(raw)
if meeting.status == 'closed' then return 0 end
meeting.baseMeetingId = ARGV[1]
redis.call('SET', KEYS[1], cjson.encode(meeting))
return 1
`;

/** Moves a meeting between statuses only if it is still in the expected one. */
export const changeStatusScript = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local meeting = cjson.decode(raw)
if meeting.status ~= ARGV[1] then return 0 end
meeting.status = ARGV[2]
if ARGV[2] == 'live' then meeting.startedAt = ARGV[3] end
redis.call('SET', KEYS[1], cjson.encode(meeting))
return 1
`;

/** Moves a scheduled meeting; the attendee list is rebuilt as a list, as cjson would write {} for an empty one. */
export const rescheduleScript = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local meeting = cjson.decode(raw)
if meeting.status ~= 'scheduled' then return 0 end
meeting.startsAt = ARGV[1]
meeting.durationMinutes = tonumber(ARGV[2])
redis.call('SET', KEYS[1], cjson.encode(meeting))
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
return 1
`;

/** Appends to the attendees atomically; an empty list decodes as a Lua table, so it is rebuilt. */
export const addAttendeeScript = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local meeting = cjson.decode(raw)
for _, id in ipairs(meeting.attendeeIds) do
  if id == ARGV[1] then return 0 end
end
table.insert(meeting.attendeeIds, ARGV[1])
redis.call('SET', KEYS[1], cjson.encode(meeting))
return 1
`;

/** Compare-and-set of a meeting's facilitation state on its version. */
export const saveVersionedScript = `
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'state', ARGV[3])
return 1
`;

/**
 * Stores a response once per submission id: a repeat answers 2. Otherwise uses up the access
 * code (if any) and stores the response, or does neither (0).
 */
export const submitResponseScript = `
if ARGV[3] ~= '' and redis.call('SISMEMBER', KEYS[3], ARGV[3]) == 1 then return 2 end
if ARGV[2] ~= '' then
  if redis.call('SREM', KEYS[1], ARGV[2]) == 0 then return 0 end
end
redis.call('RPUSH', KEYS[2], ARGV[1])
if ARGV[3] ~= '' then redis.call('SADD', KEYS[3], ARGV[3]) end
return 1
`;

/** Compare-and-set of a campaign's release on the current release size. */
export const saveReleaseScript = `
local current = redis.call('HGET', KEYS[1], 'size')
if (current or '') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'size', ARGV[2], 'json', ARGV[3])
return 1
`;
