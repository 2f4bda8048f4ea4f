CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`company` text,
	`company_key` text,
	`role` text,
	`role_key` text,
	`status` text NOT NULL,
	`contact_name` text,
	`contact_email` text,
	`language` text DEFAULT 'en' NOT NULL,
	`no_calls` integer DEFAULT false NOT NULL,
	`promised_timeline` text,
	`notes` text DEFAULT '[]' NOT NULL,
	`archived_at` integer,
	`source_message_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_message_id`) REFERENCES `inbound_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `applications_user_company_idx` ON `applications` (`user_id`,`company_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_source_message_uq` ON `applications` (`source_message_id`);--> statement-breakpoint
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`status` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`lease_until` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`items` text DEFAULT '[]' NOT NULL,
	`message_id` text,
	`subject` text,
	`sent_at` integer,
	`error` text,
	`reported_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_user_date_uq` ON `digests` (`user_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `digests_message_idx` ON `digests` (`message_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`application_id` integer,
	`inbound_message_id` integer,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`inverse` text,
	`at` integer NOT NULL,
	`undone_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inbound_message_id`) REFERENCES `inbound_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_application_idx` ON `events` (`application_id`);--> statement-breakpoint
CREATE INDEX `events_user_at_idx` ON `events` (`user_id`,`at`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`key` text NOT NULL,
	`rule` text NOT NULL,
	`due_at` integer NOT NULL,
	`latest_at` integer,
	`recipients` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`placeholders` text DEFAULT '[]' NOT NULL,
	`state` text NOT NULL,
	`snoozed_until` integer,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_application_key_uq` ON `follow_ups` (`application_id`,`key`);--> statement-breakpoint
CREATE INDEX `follow_ups_user_state_due_idx` ON `follow_ups` (`user_id`,`state`,`due_at`);--> statement-breakpoint
CREATE TABLE `inbound_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`received_at` integer NOT NULL,
	`envelope_from` text NOT NULL,
	`envelope_to` text NOT NULL,
	`raw_sha256` text NOT NULL,
	`raw_size` integer NOT NULL,
	`chunk_count` integer NOT NULL,
	`channel` text NOT NULL,
	`state` text DEFAULT 'stored' NOT NULL,
	`outer_message_id` text,
	`original_message_id` text,
	`subject` text,
	`understanding` text,
	`problem` text,
	`application_id` integer,
	`parser_version` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_user_sha_uq` ON `inbound_messages` (`user_id`,`raw_sha256`);--> statement-breakpoint
CREATE INDEX `inbound_user_original_idx` ON `inbound_messages` (`user_id`,`original_message_id`);--> statement-breakpoint
CREATE INDEX `inbound_application_idx` ON `inbound_messages` (`application_id`);--> statement-breakpoint
CREATE TABLE `interviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`calendar_uid` text,
	`start_at` integer,
	`start_local` text,
	`time_zone` text,
	`duration_min` integer,
	`format` text,
	`meeting_url` text,
	`interviewers` text DEFAULT '[]' NOT NULL,
	`status` text NOT NULL,
	`source_message_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_message_id`) REFERENCES `inbound_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interviews_application_idx` ON `interviews` (`application_id`);--> statement-breakpoint
CREATE INDEX `interviews_start_idx` ON `interviews` (`start_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `interviews_source_message_uq` ON `interviews` (`source_message_id`);--> statement-breakpoint
CREATE TABLE `outbound_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`message_id` text NOT NULL,
	`in_reply_to` integer,
	`subject` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`in_reply_to`) REFERENCES `inbound_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_message_id_uq` ON `outbound_messages` (`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_reply_kind_uq` ON `outbound_messages` (`in_reply_to`,`kind`);--> statement-breakpoint
CREATE TABLE `raw_chunks` (
	`message_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`message_id`, `seq`),
	FOREIGN KEY (`message_id`) REFERENCES `inbound_messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`time_zone` text NOT NULL,
	`country` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);