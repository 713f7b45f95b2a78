-- Every e-mail links to its case: the page's path, made absolute with PUBLIC_URL when sent.
ALTER TABLE outbox ADD COLUMN link_path TEXT;
