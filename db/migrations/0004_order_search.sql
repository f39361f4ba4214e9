CREATE INDEX `orders_buyer_email` ON `orders` (`buyer_email`);--> statement-breakpoint
CREATE INDEX `orders_buyer_phone` ON `orders` (`buyer_phone_last4`);--> statement-breakpoint
-- Buyer-name search at the counter: a full-text index over the cached orders, kept in step
-- by triggers. unicode61 folds case and accents ("Müller" is found by "muller"); prefix
-- queries find "Smi" in "Smith". Not a drizzle object: drizzle-kit does not model FTS5.
CREATE VIRTUAL TABLE `orders_search` USING fts5(buyer_name, content='orders', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `orders_search_insert` AFTER INSERT ON `orders` BEGIN
  INSERT INTO orders_search(rowid, buyer_name) VALUES (new.rowid, new.buyer_name);
END;
--> statement-breakpoint
CREATE TRIGGER `orders_search_delete` AFTER DELETE ON `orders` BEGIN
  INSERT INTO orders_search(orders_search, rowid, buyer_name) VALUES ('delete', old.rowid, old.buyer_name);
END;
--> statement-breakpoint
CREATE TRIGGER `orders_search_update` AFTER UPDATE OF buyer_name ON `orders` BEGIN
  INSERT INTO orders_search(orders_search, rowid, buyer_name) VALUES ('delete', old.rowid, old.buyer_name);
  INSERT INTO orders_search(rowid, buyer_name) VALUES (new.rowid, new.buyer_name);
END;
--> statement-breakpoint
INSERT INTO orders_search(orders_search) VALUES ('rebuild');
