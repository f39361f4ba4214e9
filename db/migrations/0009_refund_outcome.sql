ALTER TABLE `refund_requests` ADD `amazon_adjustment_id` text;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `rejection_reason` text;