CREATE TABLE "amazon_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"secret_box" text NOT NULL,
	"seller_id" text,
	"region" text DEFAULT 'na' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "amazon_job_cursors" (
	"job" text PRIMARY KEY NOT NULL,
	"cursor" jsonb NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_error" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "amazon_quarantine" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "amazon_quarantine_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"report_id" text,
	"row_no" integer,
	"reason" text NOT NULL,
	"raw" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "amazon_refund_events" (
	"key" text PRIMARY KEY NOT NULL,
	"amazon_order_id" text NOT NULL,
	"order_item_id" text,
	"amazon_adjustment_id" text,
	"currency" text NOT NULL,
	"charges" jsonb NOT NULL,
	"total_minor" bigint NOT NULL,
	"posted_at" text,
	"refund_request_id" uuid,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "amazon_returns" (
	"key" text PRIMARY KEY NOT NULL,
	"report_type" text NOT NULL,
	"amazon_order_id" text NOT NULL,
	"amazon_rma_id" text,
	"sku" text,
	"order_line_id" uuid,
	"return_id" uuid,
	"store_id" uuid,
	"quantity" integer NOT NULL,
	"reason" text,
	"status" text,
	"returned_at" text,
	"raw" jsonb NOT NULL,
	"ingested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "amazon_settlement_lines" (
	"settlement_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"amazon_order_id" text,
	"transaction_type" text,
	"amount_type" text,
	"amount_description" text,
	"currency" text,
	"amount_minor" bigint,
	"posted_at" text,
	"raw" jsonb NOT NULL,
	CONSTRAINT "amazon_settlement_lines_settlement_id_line_no_pk" PRIMARY KEY("settlement_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "order_purges" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"purged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refund_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"refund_request_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"feed_row_id" uuid,
	"phase" text NOT NULL,
	"outcome" text,
	"message" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refund_executions" (
	"refund_request_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"amazon_adjustment_id" text,
	"message" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refund_feeds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"marketplace_id" text NOT NULL,
	"phase" text NOT NULL,
	"feed_document_id" text,
	"feed_id" text,
	"xml" text NOT NULL,
	"messages" jsonb NOT NULL,
	"submitting_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "refund_feeds_feed_id_unique" UNIQUE("feed_id")
);
--> statement-breakpoint
CREATE INDEX "amazon_quarantine_source" ON "amazon_quarantine" USING btree ("source","created_at");--> statement-breakpoint
CREATE INDEX "amazon_refund_events_order" ON "amazon_refund_events" USING btree ("amazon_order_id");--> statement-breakpoint
CREATE INDEX "amazon_returns_order" ON "amazon_returns" USING btree ("amazon_order_id");--> statement-breakpoint
CREATE INDEX "amazon_settlement_order" ON "amazon_settlement_lines" USING btree ("amazon_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refund_attempts_once" ON "refund_attempts" USING btree ("refund_request_id","attempt");--> statement-breakpoint
CREATE INDEX "refund_attempts_feed" ON "refund_attempts" USING btree ("feed_row_id");--> statement-breakpoint
CREATE INDEX "refund_executions_state" ON "refund_executions" USING btree ("state");--> statement-breakpoint
CREATE INDEX "refund_feeds_phase" ON "refund_feeds" USING btree ("phase");