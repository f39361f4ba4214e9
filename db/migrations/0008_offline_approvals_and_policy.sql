CREATE TABLE `approval_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`refund_request_id` text NOT NULL,
	`challenge` text NOT NULL,
	`request_digest` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`used_at` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `approval_challenges_request` ON `approval_challenges` (`refund_request_id`);--> statement-breakpoint
CREATE TABLE `manager_key_secrets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`secret` text NOT NULL,
	`signing_secret` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `manager_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`version` integer NOT NULL,
	`public_key` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `manager_keys_user` ON `manager_keys` (`user_id`);--> statement-breakpoint
CREATE TABLE `manager_store_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`manager_key_id` text NOT NULL,
	`store_id` text NOT NULL,
	`store_key` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `manager_store_keys_once` ON `manager_store_keys` (`manager_key_id`,`store_id`);--> statement-breakpoint
CREATE TABLE `offline_code_failures` (
	`id` text PRIMARY KEY NOT NULL,
	`challenge_id` text NOT NULL,
	`at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `offline_code_failures_at` ON `offline_code_failures` (`at`);--> statement-breakpoint
CREATE TABLE `policy_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`set_key` text NOT NULL,
	`version` integer NOT NULL,
	`scope_kind` text NOT NULL,
	`scope_id` text,
	`rules` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` text
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `policy_sets_version` ON `policy_sets` (`set_key`,`version`);--> statement-breakpoint
ALTER TABLE `approvals` ADD `offline_proof` text;--> statement-breakpoint
ALTER TABLE `approvals` ADD `confirmed_at` text;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `approval_tier` text;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `due_at` text;--> statement-breakpoint
-- An admin publishes a policy set at their desktop: captured for the outbox like 0007's tables.
CREATE TRIGGER `sync_capture_policy_sets_insert` AFTER INSERT ON `policy_sets` BEGIN
  INSERT INTO `sync_pending_rows` (`table_name`, `row_key`)
    SELECT 'policySets', json_object('id', NEW.`id`)
    WHERE NOT EXISTS (SELECT 1 FROM `sync_pending_rows` WHERE `table_name` = 'policySets' AND `row_key` = json_object('id', NEW.`id`));
END;
