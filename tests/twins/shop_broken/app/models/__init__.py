"""L7 models: table DDL and the frozen records drivers read rows into."""
