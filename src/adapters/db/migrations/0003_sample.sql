ALTER TABLE `courses` ADD `sample` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `courses_sample` ON `courses` (`sample`) WHERE "courses"."sample";--> statement-breakpoint
-- A database loaded before this column existed keeps its catalog until the catalog changes (the
-- folder's hash decides), so its sample courses are marked here.
UPDATE `courses` SET `sample` = true WHERE json_extract(`data`, '$.source.confidence') = 'sample';
