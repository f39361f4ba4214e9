CREATE TABLE `amazon_refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`currency` text NOT NULL,
	`refunded_minor` integer NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
