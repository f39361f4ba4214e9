CREATE TABLE `approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`refund_request_id` text NOT NULL,
	`decision` text NOT NULL,
	`method` text NOT NULL,
	`decided_by` text,
	`comment` text DEFAULT '' NOT NULL,
	`request_digest` text NOT NULL,
	`device_id` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`refund_request_id`) REFERENCES `refund_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "approvals_decision" CHECK("approvals"."decision" in ('approved','denied'))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `approvals_once` ON `approvals` (`refund_request_id`);--> statement-breakpoint
CREATE TABLE `label_prints` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`size` text NOT NULL,
	`reprint` integer NOT NULL,
	`reason` text,
	`printed_by` text NOT NULL,
	`printed_at` text NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`printed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `label_prints_return` ON `label_prints` (`return_id`);--> statement-breakpoint
CREATE TABLE `photos` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`return_line_id` text,
	`stage` text NOT NULL,
	`mime` text NOT NULL,
	`sha256` text NOT NULL,
	`bytes` blob NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_line_id`) REFERENCES `return_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `photos_return` ON `photos` (`return_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `photos_return_hash` ON `photos` (`return_id`,`sha256`);--> statement-breakpoint
CREATE TABLE `qc_inspections` (
	`id` text PRIMARY KEY NOT NULL,
	`return_line_id` text NOT NULL,
	`grade` text NOT NULL,
	`defects` text NOT NULL,
	`checklist` text NOT NULL,
	`serial_expected` text,
	`serial_scanned` text,
	`serial_check` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`supersedes_id` text,
	`inspected_by` text NOT NULL,
	`inspected_at` text NOT NULL,
	FOREIGN KEY (`return_line_id`) REFERENCES `return_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspected_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `qc_inspections_line` ON `qc_inspections` (`return_line_id`,`inspected_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `qc_inspections_supersedes` ON `qc_inspections` (`supersedes_id`);--> statement-breakpoint
CREATE TABLE `refund_request_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`refund_request_id` text NOT NULL,
	`return_line_id` text NOT NULL,
	`order_line_id` text NOT NULL,
	`units` integer NOT NULL,
	`item_minor` integer NOT NULL,
	`item_tax_minor` integer NOT NULL,
	`shipping_minor` integer NOT NULL,
	`shipping_tax_minor` integer NOT NULL,
	`restocking_fee_minor` integer NOT NULL,
	`total_minor` integer NOT NULL,
	FOREIGN KEY (`refund_request_id`) REFERENCES `refund_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_line_id`) REFERENCES `return_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refund_request_lines_units" CHECK("refund_request_lines"."units" > 0)
) STRICT;
--> statement-breakpoint
CREATE INDEX `refund_request_lines_request` ON `refund_request_lines` (`refund_request_id`);--> statement-breakpoint
CREATE INDEX `refund_request_lines_order_line` ON `refund_request_lines` (`order_line_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `refund_request_lines_once` ON `refund_request_lines` (`refund_request_id`,`return_line_id`);--> statement-breakpoint
CREATE TABLE `refund_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`order_id` text NOT NULL,
	`store_id` text NOT NULL,
	`currency` text NOT NULL,
	`item_minor` integer NOT NULL,
	`item_tax_minor` integer NOT NULL,
	`shipping_minor` integer NOT NULL,
	`shipping_tax_minor` integer NOT NULL,
	`restocking_fee_minor` integer NOT NULL,
	`total_minor` integer NOT NULL,
	`adjustment_reason` text,
	`status` text NOT NULL,
	`decision` text NOT NULL,
	`decision_reasons` text NOT NULL,
	`risk_signals` text NOT NULL,
	`approval_policy_id` text NOT NULL,
	`approval_policy_version` integer NOT NULL,
	`digest` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refund_requests_total" CHECK("refund_requests"."total_minor" >= 0)
) STRICT;
--> statement-breakpoint
CREATE INDEX `refund_requests_store_status` ON `refund_requests` (`store_id`,`status`);--> statement-breakpoint
CREATE INDEX `refund_requests_return` ON `refund_requests` (`return_id`);--> statement-breakpoint
CREATE TABLE `return_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`order_line_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`reason_code` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`opened` integer NOT NULL,
	`damaged` integer NOT NULL,
	`missing_parts` integer NOT NULL,
	`eligibility` text NOT NULL,
	`restocking_fee_bps` integer NOT NULL,
	`state` text NOT NULL,
	`disposition` text,
	`disposed_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_lines_quantity" CHECK("return_lines"."quantity" > 0),
	CONSTRAINT "return_lines_fee" CHECK("return_lines"."restocking_fee_bps" between 0 and 10000)
) STRICT;
--> statement-breakpoint
CREATE INDEX `return_lines_return` ON `return_lines` (`return_id`);--> statement-breakpoint
CREATE INDEX `return_lines_order_line` ON `return_lines` (`order_line_id`);--> statement-breakpoint
CREATE TABLE `returns` (
	`id` text PRIMARY KEY NOT NULL,
	`rma_number` text NOT NULL,
	`order_id` text NOT NULL,
	`store_id` text NOT NULL,
	`device_id` text NOT NULL,
	`created_by` text NOT NULL,
	`status` text NOT NULL,
	`customer_comment` text DEFAULT '' NOT NULL,
	`override_by` text,
	`override_reason` text,
	`return_policy_id` text NOT NULL,
	`return_policy_version` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`override_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `returns_rma_number_unique` ON `returns` (`rma_number`);--> statement-breakpoint
CREATE INDEX `returns_store_created` ON `returns` (`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `returns_order` ON `returns` (`order_id`);--> statement-breakpoint
CREATE TABLE `rma_sequences` (
	`device_id` text NOT NULL,
	`local_date` text NOT NULL,
	`last_sequence` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `rma_sequences_day` ON `rma_sequences` (`device_id`,`local_date`);