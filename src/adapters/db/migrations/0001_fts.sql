-- Full-text index of the catalog. Column order sets the bm25 weights used by the search adapter:
-- title, tags, description, provider (provider name and id, so "relias" finds Relias courses).
-- Prefix indexes make search-as-you-type cheap; remove_diacritics folds "é" to "e".
CREATE VIRTUAL TABLE `courses_fts` USING fts5(
  `title`, `tags`, `description`, `provider`,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
--> statement-breakpoint
-- The indexed vocabulary, read for typo tolerance.
CREATE VIRTUAL TABLE `courses_vocab` USING fts5vocab(`courses_fts`, 'row');
