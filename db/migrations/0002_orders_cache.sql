CREATE TABLE `order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`order_item_id` text NOT NULL,
	`sku` text NOT NULL,
	`asin` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_minor` integer NOT NULL,
	`item_tax_minor` integer NOT NULL,
	`shipping_minor` integer NOT NULL,
	`shipping_tax_minor` integer NOT NULL,
	`promotion_discount_minor` integer NOT NULL,
	`serial_number` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "order_lines_quantity" CHECK("order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_money" CHECK("order_lines"."unit_price_minor" >= 0 and "order_lines"."item_tax_minor" >= 0 and "order_lines"."shipping_minor" >= 0 and "order_lines"."shipping_tax_minor" >= 0 and "order_lines"."promotion_discount_minor" >= 0)
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_item` ON `order_lines` (`order_id`,`order_item_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`amazon_order_id` text NOT NULL,
	`marketplace` text NOT NULL,
	`marketplace_id` text NOT NULL,
	`currency` text NOT NULL,
	`purchased_at` text NOT NULL,
	`delivered_at` text,
	`status` text NOT NULL,
	`fulfillment` text NOT NULL,
	`buyer_name` text NOT NULL,
	`buyer_email` text NOT NULL,
	`buyer_phone_last4` text NOT NULL,
	`ship_city` text NOT NULL,
	`ship_postal_code` text NOT NULL,
	`cached_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_amazon_order_id_unique` ON `orders` (`amazon_order_id`);--> statement-breakpoint
CREATE INDEX `orders_marketplace_purchased` ON `orders` (`marketplace`,`purchased_at`);