CREATE TABLE `manifest_lines` (
	`manifest_id` text NOT NULL,
	`return_line_id` text NOT NULL,
	FOREIGN KEY (`manifest_id`) REFERENCES `manifests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_line_id`) REFERENCES `return_lines`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `manifest_lines_return_line` ON `manifest_lines` (`return_line_id`);--> statement-breakpoint
CREATE INDEX `manifest_lines_manifest` ON `manifest_lines` (`manifest_id`);--> statement-breakpoint
CREATE TABLE `manifests` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `manifests_store_created` ON `manifests` (`store_id`,`created_at`);