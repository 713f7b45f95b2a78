-- The public register's name search: every three-letter run of a company's name (in its
-- search form: lower case, single spaces), so a search reads the licences that hold its
-- rarest run, in number order, instead of every company's licence. Persons' licences are
-- found by number only and have none.
CREATE TABLE licence_trigrams (
    tri TEXT NOT NULL,
    number TEXT NOT NULL REFERENCES licences (number),
    PRIMARY KEY (tri, number)
);
WITH RECURSIVE runs (number, s, i) AS (
    SELECT number, holder_search, 1 FROM licences
    WHERE holder_kind = 'company' AND holder_search IS NOT NULL AND LENGTH(holder_search) >= 3
    UNION ALL
    SELECT number, s, i + 1 FROM runs WHERE i + 3 <= LENGTH(s)
)
INSERT INTO licence_trigrams (tri, number)
SELECT DISTINCT SUBSTR(s, i, 3), number FROM runs;
