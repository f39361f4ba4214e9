CREATE SEQUENCE "public"."sync_version_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"store_id" uuid NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"token_hash" text NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"enrollment_code_id" uuid,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoked_reason" text,
	CONSTRAINT "devices_scope" CHECK ("devices"."scope" in ('store','region','chain'))
);
--> statement-breakpoint
CREATE TABLE "enrollment_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"store_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"created_by" uuid,
	"created_by_device" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_device" uuid,
	CONSTRAINT "enrollment_codes_code_hash_unique" UNIQUE("code_hash"),
	CONSTRAINT "enrollment_codes_scope" CHECK ("enrollment_codes"."scope" in ('store','region','chain'))
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "policies_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"marketplaces" jsonb NOT NULL,
	CONSTRAINT "regions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "server_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "settings_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"region_id" uuid NOT NULL,
	"time_zone" text NOT NULL,
	"currency" text NOT NULL,
	"country_code" text NOT NULL,
	"address" text NOT NULL,
	CONSTRAINT "stores_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"scope_kind" text NOT NULL,
	"scope_store_id" uuid,
	"scope_region_id" uuid,
	"secret_kind" text NOT NULL,
	"secret_hash" text NOT NULL,
	"language" text NOT NULL,
	"active" boolean NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role" CHECK ("users"."role" in ('clerk','store_manager','regional_manager','finance','admin')),
	CONSTRAINT "users_scope" CHECK (("users"."scope_kind" = 'store' and "users"."scope_store_id" is not null and "users"."scope_region_id" is null)
       or ("users"."scope_kind" = 'region' and "users"."scope_region_id" is not null and "users"."scope_store_id" is null)
       or ("users"."scope_kind" = 'chain' and "users"."scope_store_id" is null and "users"."scope_region_id" is null))
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"order_item_id" text NOT NULL,
	"sku" text NOT NULL,
	"asin" text NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"item_tax_minor" bigint NOT NULL,
	"shipping_minor" bigint NOT NULL,
	"shipping_tax_minor" bigint NOT NULL,
	"promotion_discount_minor" bigint NOT NULL,
	"serial_number" text,
	CONSTRAINT "order_lines_quantity" CHECK ("order_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"amazon_order_id" text NOT NULL,
	"marketplace" text NOT NULL,
	"marketplace_id" text NOT NULL,
	"currency" text NOT NULL,
	"purchased_at" text NOT NULL,
	"delivered_at" text,
	"status" text NOT NULL,
	"fulfillment" text NOT NULL,
	"buyer_name" text NOT NULL,
	"buyer_email" text NOT NULL,
	"buyer_phone_last4" text NOT NULL,
	"ship_city" text NOT NULL,
	"ship_postal_code" text NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orders_amazon_order_id_unique" UNIQUE("amazon_order_id")
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"refund_request_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"decided_by" uuid,
	"device_id" uuid NOT NULL,
	"beaten_at" timestamp with time zone,
	"beaten_by" uuid
);
--> statement-breakpoint
CREATE TABLE "manifest_lines" (
	"return_line_id" uuid PRIMARY KEY NOT NULL,
	"manifest_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manifests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"store_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qc_inspections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"return_line_id" uuid NOT NULL,
	"supersedes_id" uuid,
	CONSTRAINT "qc_inspections_supersedes_id_unique" UNIQUE("supersedes_id")
);
--> statement-breakpoint
CREATE TABLE "refund_request_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"refund_request_id" uuid NOT NULL,
	"return_line_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"units" integer NOT NULL,
	"total_minor" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refund_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"status" text NOT NULL,
	"digest" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"total_minor" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"state" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rma_number" text NOT NULL,
	"store_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "returns_rma_number_unique" UNIQUE("rma_number")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"device_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"id" uuid NOT NULL,
	"hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"store_id" uuid NOT NULL,
	"version" bigint NOT NULL,
	"event" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_events_device_id_seq_pk" PRIMARY KEY("device_id","seq"),
	CONSTRAINT "audit_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "device_chain_heads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "device_chain_heads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"device_id" uuid,
	"table_name" text,
	"row_key" text,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "review_flags_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "sync_batches" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_clients" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_mutations" (
	"client_id" uuid NOT NULL,
	"mutation_id" bigint NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"user_id" uuid,
	"status" text NOT NULL,
	"code" text,
	"reason" text,
	"processed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sync_mutations_client_id_mutation_id_pk" PRIMARY KEY("client_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "sync_rows" (
	"table_name" text NOT NULL,
	"row_key" text NOT NULL,
	"version" bigint NOT NULL,
	"store_id" uuid,
	"region_id" uuid,
	"marketplace" text,
	"data" jsonb NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sync_rows_table_name_row_key_pk" PRIMARY KEY("table_name","row_key")
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_codes" ADD CONSTRAINT "enrollment_codes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_scope_store_id_stores_id_fk" FOREIGN KEY ("scope_store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_scope_region_id_regions_id_fk" FOREIGN KEY ("scope_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_refund_request_id_refund_requests_id_fk" FOREIGN KEY ("refund_request_id") REFERENCES "public"."refund_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_lines" ADD CONSTRAINT "manifest_lines_manifest_id_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "public"."manifests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qc_inspections" ADD CONSTRAINT "qc_inspections_return_line_id_return_lines_id_fk" FOREIGN KEY ("return_line_id") REFERENCES "public"."return_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_request_lines" ADD CONSTRAINT "refund_request_lines_refund_request_id_refund_requests_id_fk" FOREIGN KEY ("refund_request_id") REFERENCES "public"."refund_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_store_code" ON "devices" USING btree ("store_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "order_lines_item" ON "order_lines" USING btree ("order_id","order_item_id");--> statement-breakpoint
CREATE INDEX "orders_marketplace_purchased" ON "orders" USING btree ("marketplace","purchased_at");--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_live_once" ON "approvals" USING btree ("refund_request_id") WHERE "approvals"."beaten_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "photos_return_hash" ON "photos" USING btree ("return_id","sha256");--> statement-breakpoint
CREATE INDEX "refund_request_lines_order_line" ON "refund_request_lines" USING btree ("order_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refund_request_lines_once" ON "refund_request_lines" USING btree ("refund_request_id","return_line_id");--> statement-breakpoint
CREATE INDEX "refund_requests_store_status" ON "refund_requests" USING btree ("store_id","status");--> statement-breakpoint
CREATE INDEX "return_lines_return" ON "return_lines" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "returns_store" ON "returns" USING btree ("store_id");--> statement-breakpoint
CREATE INDEX "audit_events_version" ON "audit_events" USING btree ("version");--> statement-breakpoint
CREATE INDEX "device_chain_heads_device" ON "device_chain_heads" USING btree ("device_id","recorded_at");--> statement-breakpoint
CREATE INDEX "review_flags_open" ON "review_flags" USING btree ("kind") WHERE "review_flags"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "sync_rows_version" ON "sync_rows" USING btree ("version");--> statement-breakpoint
CREATE INDEX "sync_rows_store_version" ON "sync_rows" USING btree ("store_id","version");