-- Sessions are now stored under the sha256 of their cookie's token (lib/auth/adapter.ts). Hash the
-- existing ones in place, so whoever is signed in stays signed in.
UPDATE "sessions" SET "session_token" = encode(sha256(convert_to("session_token", 'UTF8')), 'hex');
