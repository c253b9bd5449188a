import { describe, expect, it } from 'vitest';
import { classifySendError, isDailyQuotaAnswer } from './classify-send-error';
import { TransportError } from './transports/transport';

// Errors shaped as nodemailer 10 makes them (code, responseCode, response, rejectedErrors).
function smtpError(response: string, code = 'EMESSAGE') {
  return Object.assign(new Error(`Message failed: ${response}`), {
    code,
    response,
    responseCode: Number(response.slice(0, 3)),
  });
}

describe('classifySendError', () => {
  it('treats 4xx answers as temporary', () => {
    for (const r of [
      '421 4.7.0 Try again later, closing connection.',
      '450 4.2.1 The user you are trying to contact is receiving mail too quickly',
      '451 4.3.0 Temporary local problem',
      '452 4.5.3 Too many recipients',
    ]) {
      const c = classifySendError(smtpError(r));
      expect(c.kind, r).toBe('temporary');
      expect(c.response).toBe(r);
      expect(c.message).toContain(r);
    }
  });

  it('treats 5xx as permanent, except 503 and rate limiting', () => {
    const unknown = classifySendError(
      smtpError('550 5.1.1 The email account that you tried to reach does not exist'),
    );
    expect(unknown).toMatchObject({ kind: 'permanent', code: 550 });
    expect(unknown.message).toMatch(/^The server refused the message: 550 5\.1\.1/);
    expect(classifySendError(smtpError('554 5.7.1 Message rejected as spam')).kind).toBe('permanent');
    expect(classifySendError(smtpError('503 5.5.1 Bad sequence of commands')).kind).toBe('temporary');
    expect(classifySendError(smtpError('550 5.7.1 Too many messages, slow down (rate limit)')).kind).toBe(
      'temporary',
    );
  });

  it('recognises a daily quota answer', () => {
    const gmail =
      '550 5.4.5 Daily user sending quota exceeded. https://support.google.com/mail/?p=ReachedLimit';
    expect(classifySendError(smtpError(gmail))).toMatchObject({ kind: 'quota', code: 550 });
    expect(
      classifySendError(
        smtpError(
          '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process',
        ),
      ).kind,
    ).toBe('quota');
    expect(classifySendError(smtpError('550 5.7.1 Daily SMTP relay limit exceeded for customer')).kind).toBe(
      'quota',
    );
    expect(classifySendError(smtpError('421 4.7.0 Daily sending limit reached, try tomorrow')).kind).toBe(
      'quota',
    );
    expect(isDailyQuotaAnswer('550 5.1.1 User unknown')).toBe(false);
    expect(isDailyQuotaAnswer('451 4.7.1 rate limit per minute exceeded')).toBe(false);
  });

  // [what nodemailer throws, the kind, words the message must say]
  const networkFailures: [string, Record<string, string>, string, RegExp][] = [
    [
      'refused',
      {
        message: 'connect ECONNREFUSED 127.0.0.1:2525',
        code: 'ESOCKET',
        originalCode: 'ECONNREFUSED',
        command: 'CONN',
      },
      'unreachable',
      /connection refused/,
    ],
    [
      'refused (pool)',
      { message: 'connect ECONNREFUSED 127.0.0.1:2525', code: 'ECONNECTION' },
      'unreachable',
      /connection refused/,
    ],
    [
      'no route',
      {
        message: 'connect EHOSTUNREACH 10.0.0.9:587',
        code: 'ESOCKET',
        originalCode: 'EHOSTUNREACH',
        command: 'CONN',
      },
      'unreachable',
      /Could not connect/,
    ],
    [
      'connect timeout',
      { message: 'Connection timeout', code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' },
      'unreachable',
      /did not answer in time \(connecting\)/,
    ],
    [
      'no greeting',
      { message: 'Greeting never received', code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' },
      'unreachable',
      /connecting/,
    ],
    [
      'TLS upgrade timeout',
      { message: 'TLS handshake timed out', code: 'ETIMEDOUT', timeoutType: 'UPGRADE_TIMEOUT' },
      'unreachable',
      /connecting/,
    ],
    [
      'DNS',
      { message: 'getaddrinfo ENOTFOUND smtp.nowhere.test', code: 'EDNS' },
      'unreachable',
      /name could not be resolved/,
    ],
    [
      'TLS handshake',
      { message: 'Error initiating TLS - self-signed certificate', code: 'ETLS' },
      'unreachable',
      /secure \(TLS\) connection failed/,
    ],
    // Once connected the message may have been handed over: these count as an attempt.
    [
      'dropped',
      { message: 'Connection closed unexpectedly', code: 'ECONNECTION', command: 'CONN' },
      'temporary',
      /connection to the server was lost/,
    ],
    [
      'reset',
      { message: 'read ECONNRESET', code: 'ESOCKET', originalCode: 'ECONNRESET', command: 'CONN' },
      'temporary',
      /connection to the server was lost/,
    ],
    [
      'socket timeout',
      { message: 'Timeout', code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' },
      'temporary',
      /did not answer in time \(SOCKET_TIMEOUT\)/,
    ],
    ['unknown', { message: 'something odd' }, 'temporary', /Sending failed: something odd/],
  ];
  it.each(networkFailures)('network trouble: %s', (_name, fields, kind, says) => {
    const { message, ...rest } = fields;
    const c = classifySendError(Object.assign(new Error(message), rest));
    expect(c).toMatchObject({ kind, code: null, response: null });
    expect(c.message).toMatch(says);
    expect(c.message).toContain(message);
  });

  it('retries what is not an error object', () => {
    expect(classifySendError('a string').kind).toBe('temporary');
  });

  it('classifies refused sign-in by its code', () => {
    const bad = smtpError('535 5.7.8 Username and Password not accepted', 'EAUTH');
    expect(classifySendError(bad)).toMatchObject({ kind: 'permanent', code: 535 });
    expect(classifySendError(bad).message).toBe(
      'The server refused the sign-in: 535 5.7.8 Username and Password not accepted',
    );
    expect(classifySendError(smtpError('454 4.7.0 Temporary authentication failure', 'EAUTH')).kind).toBe(
      'temporary',
    );
  });

  it('when every recipient is refused, one deferral makes the whole message temporary', () => {
    const envelope = (responses: string[]) =>
      Object.assign(new Error("Can't send mail - all recipients were rejected"), {
        code: 'EENVELOPE',
        rejectedErrors: responses.map((r) => smtpError(r)),
      });
    expect(classifySendError(envelope(['550 5.1.1 No such user'])).kind).toBe('permanent');
    expect(classifySendError(envelope(['550 5.1.1 No such user'])).message).toBe(
      'The server refused the recipient: 550 5.1.1 No such user',
    );
    expect(classifySendError(envelope(['550 5.1.1 No such user', '450 4.2.0 Mailbox busy'])).kind).toBe(
      'temporary',
    );
    expect(classifySendError(envelope(['550 5.4.5 Daily user sending quota exceeded'])).kind).toBe('quota');
  });

  it('keeps the kind a transport already decided', () => {
    expect(classifySendError(new TransportError('Graph said quota', 'quota', 429)).kind).toBe('quota');
  });

  it('gives a revoked grant its own kind, even as it comes back from a sending thread', () => {
    // A thread's error arrives as a plain Error carrying the name.
    const revoked = Object.assign(new Error('Google refused the grant (invalid_grant)'), {
      name: 'CredentialNeedsReconnectError',
    });
    expect(classifySendError(revoked)).toMatchObject({
      kind: 'needs_reconnect',
      message: 'Needs reconnect: Google refused the grant (invalid_grant)',
    });
  });
});
