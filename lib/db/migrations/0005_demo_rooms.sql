-- The demo's two rooms: everyone's lobby, and a staff room for admins. Rows, not code, so that
-- removing the demo (npm run demo:remove drops the table) leaves nothing behind.
INSERT INTO "room" ("slug", "name", "audience") VALUES
	('lobby', 'Lobby', 'everyone'),
	('staff', 'Staff', 'admins')
ON CONFLICT ("slug") DO NOTHING;
