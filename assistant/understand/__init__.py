"""Understanding: a guarded, normalised question read into a typed plan (subjects, measures, operations,
conditions), with the conversation's earlier turns filled in."""
