CREATE TABLE `remote_audit_events` (
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`id` text NOT NULL,
	`user_id` text,
	`store_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`at` text NOT NULL,
	`hlc` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	PRIMARY KEY(`device_id`, `seq`)
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `remote_audit_events_id_unique` ON `remote_audit_events` (`id`);--> statement-breakpoint
CREATE INDEX `remote_audit_events_entity` ON `remote_audit_events` (`entity_id`);--> statement-breakpoint
CREATE INDEX `remote_audit_events_store` ON `remote_audit_events` (`store_id`,`at`);--> statement-breakpoint
CREATE TABLE `sync_pending_rows` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_pending_rows_key` ON `sync_pending_rows` (`table_name`,`row_key`);--> statement-breakpoint
CREATE TABLE `sync_server_rows` (
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`row` text,
	PRIMARY KEY(`table_name`, `row_key`)
) STRICT;
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`back_office_url` text,
	`device_scope` text,
	`cookie` integer,
	`last_mutation_id_acked` integer DEFAULT 0 NOT NULL,
	`audit_head_seq` integer DEFAULT 0 NOT NULL,
	`audit_head_hash` text,
	`last_synced_at` text,
	`last_error_code` text,
	`last_error_message` text,
	`last_error_trace_id` text,
	`enrolled_at` text,
	`revoked_at` text,
	CONSTRAINT "sync_state_one_row" CHECK("sync_state"."id" = 1)
) STRICT;
--> statement-breakpoint
ALTER TABLE `outbox` ADD `rejected_code` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `settled_at` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `rows` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
-- Row capture for sync (DESIGN.md §5: a mutation carries the rows its transaction wrote).
-- Every insert or update of a synced table notes (table, key) once; at the end of the change
-- the registry copies those rows into the change's outbox row and empties the list. Keys are
-- JSON of the key columns under their drizzle names, as rows travel on the wire. Not drizzle
-- objects: drizzle-kit does not model triggers. No DELETE triggers: no local change deletes a
-- synced row (only the back office does, by tombstone).
INSERT INTO `sync_state` (`id`) VALUES (1);
--> statement-breakpoint
CREATE TRIGGER `sync_capture_regions_insert` AFTER INSERT ON `regions` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'regions', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'regions' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_regions_update` AFTER UPDATE ON `regions` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'regions', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'regions' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_stores_insert` AFTER INSERT ON `stores` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'stores', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'stores' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_stores_update` AFTER UPDATE ON `stores` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'stores', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'stores' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_users_insert` AFTER INSERT ON `users` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'users', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'users' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_users_update` AFTER UPDATE ON `users` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'users', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'users' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_devices_insert` AFTER INSERT ON `devices` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'devices', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'devices' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_devices_update` AFTER UPDATE ON `devices` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'devices', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'devices' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_settings_insert` AFTER INSERT ON `settings` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'settings', json_object('scope', NEW.`scope`, 'key', NEW.`key`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'settings' AND `row_key` = json_object('scope', NEW.`scope`, 'key', NEW.`key`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_settings_update` AFTER UPDATE ON `settings` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'settings', json_object('scope', NEW.`scope`, 'key', NEW.`key`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'settings' AND `row_key` = json_object('scope', NEW.`scope`, 'key', NEW.`key`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_returns_insert` AFTER INSERT ON `returns` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'returns', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'returns' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_returns_update` AFTER UPDATE ON `returns` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'returns', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'returns' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_return_lines_insert` AFTER INSERT ON `return_lines` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'returnLines', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'returnLines' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_return_lines_update` AFTER UPDATE ON `return_lines` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'returnLines', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'returnLines' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_qc_inspections_insert` AFTER INSERT ON `qc_inspections` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'qcInspections', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'qcInspections' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_qc_inspections_update` AFTER UPDATE ON `qc_inspections` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'qcInspections', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'qcInspections' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_photos_insert` AFTER INSERT ON `photos` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'photos', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'photos' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_photos_update` AFTER UPDATE ON `photos` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'photos', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'photos' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_refund_requests_insert` AFTER INSERT ON `refund_requests` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'refundRequests', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'refundRequests' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_refund_requests_update` AFTER UPDATE ON `refund_requests` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'refundRequests', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'refundRequests' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_refund_request_lines_insert` AFTER INSERT ON `refund_request_lines` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'refundRequestLines', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'refundRequestLines' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_refund_request_lines_update` AFTER UPDATE ON `refund_request_lines` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'refundRequestLines', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'refundRequestLines' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_approvals_insert` AFTER INSERT ON `approvals` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'approvals', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'approvals' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_approvals_update` AFTER UPDATE ON `approvals` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'approvals', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'approvals' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_label_prints_insert` AFTER INSERT ON `label_prints` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'labelPrints', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'labelPrints' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_label_prints_update` AFTER UPDATE ON `label_prints` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'labelPrints', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'labelPrints' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_manifests_insert` AFTER INSERT ON `manifests` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'manifests', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'manifests' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_manifests_update` AFTER UPDATE ON `manifests` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'manifests', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'manifests' AND `row_key` = json_object('id', NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_manifest_lines_insert` AFTER INSERT ON `manifest_lines` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'manifestLines', json_object('returnLineId', NEW.`return_line_id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'manifestLines' AND `row_key` = json_object('returnLineId', NEW.`return_line_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `sync_capture_manifest_lines_update` AFTER UPDATE ON `manifest_lines` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'manifestLines', json_object('returnLineId', NEW.`return_line_id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'manifestLines' AND `row_key` = json_object('returnLineId', NEW.`return_line_id`));
END;
