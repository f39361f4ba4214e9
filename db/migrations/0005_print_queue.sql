CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`zpl` text,
	`pdf` blob,
	`return_id` text,
	`manifest_id` text,
	`label_print_id` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error_code` text,
	`last_error_message` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`printed_at` text,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`label_print_id`) REFERENCES `label_prints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "print_jobs_kind" CHECK("print_jobs"."kind" in ('rma_label','manifest')),
	CONSTRAINT "print_jobs_status" CHECK("print_jobs"."status" in ('queued','sending','printed','failed','cancelled')),
	CONSTRAINT "print_jobs_payload" CHECK(("print_jobs"."zpl" is null) <> ("print_jobs"."pdf" is null)),
	CONSTRAINT "print_jobs_attempts" CHECK("print_jobs"."attempts" >= 0),
	CONSTRAINT "print_jobs_printed_at" CHECK(("print_jobs"."status" = 'printed') = ("print_jobs"."printed_at" is not null))
) STRICT;
--> statement-breakpoint
CREATE INDEX `print_jobs_status` ON `print_jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `print_jobs_created` ON `print_jobs` (`created_at`);--> statement-breakpoint
CREATE TABLE `printer_targets` (
	`device_id` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`device_id`, `kind`),
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "printer_targets_kind" CHECK("printer_targets"."kind" in ('rma_label','manifest'))
) STRICT;
