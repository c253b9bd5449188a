// How long an SMS is for the network: its encoding (GSM-7 when every character is in the GSM 03.38
// alphabet — "é" is, "ê" is not — else UCS-2) and the segments it is split into (160 / 70
// characters alone, 153 / 67 each when split; GSM-7 extension characters like € count twice).
// Pure, for the composer to show while typing and for enqueue to store. Twilio's own calculator.
import { SegmentedMessage } from 'sms-segments-calculator';
import type { SmsEncoding } from '../db/schema/sms';

export type SmsLength = {
  encoding: SmsEncoding;
  segments: number;
  /** Characters as the reader sees them (graphemes). */
  characters: number;
  /** Characters still free in the last segment before another one starts. */
  remainingInSegment: number;
  /** The characters that forced UCS-2 (empty when GSM-7). */
  nonGsmCharacters: string[];
};

export function countSegments(text: string): SmsLength {
  const m = new SegmentedMessage(text, 'auto');
  const encoding = m.getEncodingName() === 'UCS-2' ? 'UCS-2' : 'GSM-7';
  const segments = text.length === 0 ? 0 : m.segmentsCount;
  const single = encoding === 'GSM-7' ? 160 : 70;
  const multi = encoding === 'GSM-7' ? 153 : 67;
  // Code units: GSM-7 septets (extension characters take two), UCS-2 16-bit units.
  const units = m.encodedChars.reduce((n, c) => n + c.codeUnits.length, 0);
  const capacity = segments <= 1 ? single : segments * multi;
  return {
    encoding,
    segments,
    characters: m.numberOfCharacters,
    remainingInSegment: Math.max(0, capacity - units),
    nonGsmCharacters: encoding === 'UCS-2' ? [...new Set(m.getNonGsmCharacters())] : [],
  };
}
