CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`store_id` text NOT NULL,
	`name` text NOT NULL,
	`is_local` integer DEFAULT false NOT NULL,
	`enrolled_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_store_code` ON `devices` (`store_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `devices_one_local` ON `devices` (`is_local`) WHERE "devices"."is_local" = 1;--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`marketplaces` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_code_unique` ON `regions` (`code`);--> statement-breakpoint
CREATE TABLE `settings` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `settings_scope_key` ON `settings` (`scope`,`key`);--> statement-breakpoint
CREATE INDEX `settings_key` ON `settings` (`key`);--> statement-breakpoint
CREATE TABLE `stores` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`region_id` text NOT NULL,
	`time_zone` text NOT NULL,
	`currency` text NOT NULL,
	`country_code` text NOT NULL,
	`address` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `stores_code_unique` ON `stores` (`code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`scope_kind` text NOT NULL,
	`scope_store_id` text,
	`scope_region_id` text,
	`secret_kind` text NOT NULL,
	`secret_hash` text NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`language` text DEFAULT 'en' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`scope_store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scope_region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role" CHECK("users"."role" in ('clerk','store_manager','regional_manager','finance','admin')),
	CONSTRAINT "users_scope" CHECK(("users"."scope_kind" = 'store' and "users"."scope_store_id" is not null and "users"."scope_region_id" is null)
       or ("users"."scope_kind" = 'region' and "users"."scope_region_id" is not null and "users"."scope_store_id" is null)
       or ("users"."scope_kind" = 'chain' and "users"."scope_store_id" is null and "users"."scope_region_id" is null)),
	CONSTRAINT "users_secret_kind" CHECK("users"."secret_kind" in ('pin','password'))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`device_id` text NOT NULL,
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
	`hash` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_id_unique` ON `audit_events` (`id`);--> statement-breakpoint
CREATE INDEX `audit_events_store` ON `audit_events` (`store_id`,`seq`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`mutation_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`hlc` text NOT NULL,
	`audit_event_id` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`rejected_reason` text
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`status`,`mutation_id`);