import { useCallback, useEffect, useState } from 'react';
import type { MeetingStatus } from '@shared/meetings/meeting';
import type { Ack, MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { newRequestId } from '../api/request-id';
import { realtimeSocket } from './socket';

export interface MeetingChannel {
  state: MeetingStateEvent | null;
  /** Milliseconds to add to Date.now() to get the server's clock. */
  clockOffset: number;
  status: MeetingStatus | null;
  connected: boolean;
  /** Why joining the meeting failed, if it did. */
  error: string | null;
  /**
   * Sends an action (retried with the same id); rejects only when the server never answered.
   * `actionId` for an action sent again later (a kept draft after a reload): applied once.
   */
  act(action: MeetingAction, actionId?: string): Promise<Ack<MeetingStateEvent>>;
}

/**
 * The authoritative state of a live meeting from the server. Rejoins after every reconnect,
 * so someone who drops lands back in the current phase and focus. `onStatus` is called when the
 * meeting starts or closes, and after every join: it may have started or closed between the page
 * reading the meeting and joining its channel, and that event went to the channel before we were in it.
 */
export function useMeetingState(meetingId: string, onStatus?: (status: MeetingStatus | null) => void, initial: MeetingStateEvent | null = null): MeetingChannel {
  // Shown at once when the page already has it; the channel's state replaces it unless older.
  const [state, setState] = useState<MeetingStateEvent | null>(initial);
  const [clockOffset, setClockOffset] = useState(() => (initial ? Date.parse(initial.serverTime) - Date.now() : 0));
  const [status, setStatus] = useState<MeetingStatus | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const socket = realtimeSocket();
    const accept = (next: MeetingStateEvent) => {
      if (next.meetingId !== meetingId) return;
      setClockOffset(Date.parse(next.serverTime) - Date.now());
      // Events can overtake an acknowledgement: never step back to an older version.
      setState((current) => (current && current.version > next.version ? current : next));
    };
    const join = () => {
      setConnected(true);
      socket.emit('meeting:join', { meetingId }, (reply) => {
        if (reply.ok) {
          setError(null);
          accept(reply.data);
          onStatus?.(null);
        } else setError(reply.error);
      });
    };
    const onStatusEvent = (event: { meetingId: string; status: MeetingStatus }) => {
      if (event.meetingId !== meetingId) return;
      setStatus(event.status);
      onStatus?.(event.status);
    };
    const onDisconnect = () => setConnected(false);
    socket.on('meeting:state', accept);
    socket.on('meeting:status', onStatusEvent);
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    if (socket.connected) join();
    return () => {
      socket.off('meeting:state', accept);
      socket.off('meeting:status', onStatusEvent);
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
    };
  }, [meetingId, onStatus]);

  const act = useCallback(
    async (action: MeetingAction, actionId = newRequestId()) => {
      // One id for the action and its retries: the server applies it once however often it arrives.
      let reply: Ack<MeetingStateEvent> | null = null;
      for (let attempt = 0; !reply; attempt++) {
        try {
          reply = await realtimeSocket().timeout(10_000).emitWithAck('meeting:action', { meetingId, action, actionId });
        } catch (timedOut) {
          if (attempt >= 2) throw timedOut;
        }
      }
      // A refusal is the caller's to show, beside the control that asked.
      if (reply.ok) setState((current) => (current && current.version > reply.data.version ? current : reply.data));
      return reply;
    },
    [meetingId],
  );

  return { state, clockOffset, status, connected, error, act };
}
