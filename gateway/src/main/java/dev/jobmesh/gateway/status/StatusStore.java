package dev.jobmesh.gateway.status;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.jobmesh.core.job.DeadLetter;
import dev.jobmesh.core.job.JobCodec;
import dev.jobmesh.core.job.JobState;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The view's storage: RocksDB on local disk, so a million jobs cost the gateway's heap nothing.
 * Holds each job's snapshot, an index of finished jobs by finish time (for retention), the dead letters, and
 * the topic positions the view has reached, written atomically with what was read up to them.
 */
final class StatusStore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    // The view's memory, whatever it holds: memtables (charged to the cache), indexes, filters and the uncompressed
    // blocks of recently read files together. A memtable holds about 25,000 jobs, seconds of the heaviest load, so the
    // jobs clients still ask about are read from memory. 48 MB, not 64: the gateway's RSS while a million-job backlog
    // drains fell from 467 to 442-449 MB at its peak, and reads of any job in it stayed under 50 ms p99.
    private static final long CACHE_BYTES = 48L * 1024 * 1024;
    private static final long ALL_WRITE_BUFFERS_BYTES = 32L * 1024 * 1024;
    private static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;

    // RocksDB's defaults, restored after a deferral; while deferred, writes never wait on level 0's file count.
    private static final int LEVEL0_SLOWDOWN = 20;
    private static final int LEVEL0_STOP = 36;
    private static final int DEFERRED_LEVEL0_FILES = 1 << 30;

    /** Beside the positions, under this prefix (topic names have no '/'): each owner's count of unfinished jobs. */
    private static final String UNFINISHED = "unfinished/";

    private final RocksDB db;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final Cache blockCache;
    private final WriteBufferManager writeBuffers;
    private final ColumnFamilyHandle states;
    private final ColumnFamilyHandle finished;
    private final ColumnFamilyHandle positions;
    private final ColumnFamilyHandle deadLetters;
    private final List<ColumnFamilyHandle> handles;
    // No write-ahead log: every write carries the topic positions it reached, and atomic flushes persist all column
    // families together, so after a crash the store is a consistent earlier state and the view re-reads the rest
    // from Kafka - the log would only save that re-read, at the cost of a file write per poll.
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    private final JobCodec codec;
    // Meters read the store from their own threads, also while the gateway stops: a read of a closed RocksDB
    // crashes the process, so those reads and close() take the store's lock, and read nothing once it is closed.
    private boolean closed; // guarded by this

    private StatusStore(RocksDB db, DBOptions options, ColumnFamilyOptions familyOptions, Cache blockCache,
                        WriteBufferManager writeBuffers, List<ColumnFamilyHandle> handles, JobCodec codec) {
        this.db = db;
        this.options = options;
        this.familyOptions = familyOptions;
        this.blockCache = blockCache;
        this.writeBuffers = writeBuffers;
        this.handles = handles;
        this.states = handles.get(0);
        this.finished = handles.get(1);
        this.positions = handles.get(2);
        this.deadLetters = handles.get(3);
        this.codec = codec;
    }

    static StatusStore open(Path directory, JobCodec codec) {
        try {
            Files.createDirectories(directory);
            Cache blockCache = new LRUCache(CACHE_BYTES);
            WriteBufferManager writeBuffers = new WriteBufferManager(ALL_WRITE_BUFFERS_BYTES, blockCache);
            DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setMaxOpenFiles(256).setAtomicFlush(true).setWriteBufferManager(writeBuffers);
            ColumnFamilyOptions familyOptions = familyOptions(blockCache);
            List<ColumnFamilyDescriptor> families = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions),
                    new ColumnFamilyDescriptor("finished".getBytes(StandardCharsets.UTF_8), familyOptions),
                    new ColumnFamilyDescriptor("positions".getBytes(StandardCharsets.UTF_8), familyOptions),
                    new ColumnFamilyDescriptor("dead-letters".getBytes(StandardCharsets.UTF_8), familyOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(options, directory.toString(), families, handles);
            return new StatusStore(db, options, familyOptions, blockCache, writeBuffers, handles, codec);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the job view at " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Most reads are of jobs just submitted, which the view may not hold yet: a Bloom filter per file (and one per
     * memtable) answers such a miss without reading a block. Indexes and filters are partitioned into small blocks
     * kept in the cache, only their top level pinned: whole-file filters and indexes held beside the open files grew
     * with the view (74 MB for 11 million jobs), and a whole file's filter is larger than a cache shard, so cached
     * whole it was read back from disk on every lookup. Only the bottom level, where most of a large view rests, is
     * compressed, so compacting the upper levels and reading the recent jobs decompress nothing.
     */
    private static ColumnFamilyOptions familyOptions(Cache blockCache) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setFilterPolicy(new BloomFilter(10))
                .setIndexType(IndexType.kTwoLevelIndexSearch)
                .setPartitionFilters(true)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinTopLevelIndexAndFilter(true)
                .setBlockCache(blockCache);
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    Optional<JobState> get(String id) {
        byte[] value = value(id);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(StoredStatus.hasHeader(value) ? codec.decodeState(value, StoredStatus.jsonOffset())
                : codec.decodeState(value));
    }

    /** What merging needs of a job's snapshot, without decoding it. */
    Optional<StatusHeader> header(String id) {
        // Only the header's bytes are copied out: the view reads a header for every status record it applies, and
        // copying each whole snapshot was 5 % of all the gateway allocated while a backlog drained.
        byte[] head = new byte[StoredStatus.jsonOffset()];
        int size;
        try {
            size = db.get(states, key(id), head);
        } catch (RocksDBException e) {
            throw new IllegalStateException("job view read failed", e);
        }
        if (size == RocksDB.NOT_FOUND) {
            return Optional.empty();
        }
        if (size >= head.length && StoredStatus.hasHeader(head)) {
            return Optional.of(StoredStatus.header(head));
        }
        return stored(id).map(StoredValue::header);
    }

    /** The job's header and its JSON from one read, neither decoded. */
    Optional<StoredValue> stored(String id) {
        byte[] value = value(id);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(StoredStatus.hasHeader(value)
                ? new StoredValue(StoredStatus.header(value), new StatusJson(value, StoredStatus.jsonOffset()))
                : new StoredValue(StatusHeader.of(codec.decodeState(value)), new StatusJson(value, 0)));
    }

    /** A job's stored header and JSON. */
    record StoredValue(StatusHeader header, StatusJson json) {
    }

    private byte[] value(String id) {
        try {
            return db.get(states, key(id));
        } catch (RocksDBException e) {
            throw new IllegalStateException("job view read failed", e);
        }
    }

    Optional<DeadLetter> deadLetter(String id) {
        try {
            byte[] value = db.get(deadLetters, key(id));
            return value == null ? Optional.empty() : Optional.of(codec.decodeDeadLetter(value));
        } catch (RocksDBException e) {
            throw new IllegalStateException("job view read failed", e);
        }
    }

    /** Dead letters in id order, starting after {@code afterId} (null: from the first). */
    List<DeadLetter> deadLetters(String afterId, int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        try (RocksIterator it = db.newIterator(deadLetters)) {
            if (afterId == null) {
                it.seekToFirst();
            } else {
                it.seek(key(afterId));
                if (it.isValid() && new String(it.key(), StandardCharsets.UTF_8).equals(afterId)) {
                    it.next();
                }
            }
            for (; it.isValid() && letters.size() < limit; it.next()) {
                letters.add(codec.decodeDeadLetter(it.value()));
            }
        }
        return letters;
    }

    /**
     * Applies one poll's worth of changes (empty = removed), the positions reached and the owners' new counts of
     * unfinished jobs, atomically.
     */
    void apply(Map<String, Optional<StoredStatus>> changes, Map<String, Optional<byte[]>> letters,
               Map<TopicPartition, Long> reached, Map<String, Long> unfinished) {
        try (WriteBatch batch = new WriteBatch()) {
            for (var letter : letters.entrySet()) {
                if (letter.getValue().isPresent()) {
                    batch.put(deadLetters, key(letter.getKey()), letter.getValue().get());
                } else {
                    batch.delete(deadLetters, key(letter.getKey()));
                }
            }
            for (var change : changes.entrySet()) {
                byte[] key = key(change.getKey());
                if (change.getValue().isPresent()) {
                    StoredStatus stored = change.getValue().get();
                    batch.put(states, key, stored.encode());
                    StatusHeader header = stored.header();
                    if (header.terminal() && header.finishedAt() != null) {
                        batch.put(finished, finishedKey(header.finishedAt(), key), new byte[0]);
                    }
                } else {
                    header(change.getKey()).ifPresent(old -> {
                        if (old.finishedAt() != null) {
                            deleteQuietly(batch, finishedKey(old.finishedAt(), key));
                        }
                    });
                    batch.delete(states, key);
                }
            }
            for (var position : reached.entrySet()) {
                batch.put(positions, key(position.getKey().toString()),
                        ByteBuffer.allocate(8).putLong(position.getValue()).array());
            }
            for (var owner : unfinished.entrySet()) {
                batch.put(positions, key(UNFINISHED + owner.getKey()), ByteBuffer.allocate(8).putLong(owner.getValue()).array());
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("job view write failed", e);
        }
    }

    /** The position stored for each partition read, by {@code topic-partition}. */
    Map<String, Long> positions() {
        Map<String, Long> result = new HashMap<>();
        longs().forEach((key, value) -> {
            if (!key.startsWith(UNFINISHED)) {
                result.put(key, value);
            }
        });
        return result;
    }

    /** The stored counts of unfinished jobs, by owner. */
    Map<String, Long> unfinished() {
        Map<String, Long> result = new HashMap<>();
        longs().forEach((key, value) -> {
            if (key.startsWith(UNFINISHED)) {
                result.put(key.substring(UNFINISHED.length()), value);
            }
        });
        return result;
    }

    private Map<String, Long> longs() {
        Map<String, Long> result = new HashMap<>();
        try (RocksIterator it = db.newIterator(positions)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                result.put(new String(it.key(), StandardCharsets.UTF_8), ByteBuffer.wrap(it.value()).getLong());
            }
        }
        return result;
    }

    /**
     * Hands the ids of every job that finished before the cutoff to {@code page}, oldest first, {@code pageSize} at a
     * time, from one iterator: the view deletes them only once it reads their tombstones, so a second look from the
     * start would find the same jobs again. Stops early, between pages, if the thread is interrupted.
     *
     * @return how many ids were handed over
     */
    int finishedBefore(Instant cutoff, int pageSize, Consumer<List<String>> page) {
        int count = 0;
        List<String> ids = new ArrayList<>(Math.min(pageSize, 4096));
        long cutoffMillis = cutoff.toEpochMilli();
        // The index's oldest blocks are read once, by this pass, and then deleted: cached, they filled the block cache
        // once a minute, pushing out what clients read and swinging the gateway's RSS by the cache's size.
        try (ReadOptions read = new ReadOptions().setFillCache(false); RocksIterator it = db.newIterator(finished, read)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ByteBuffer key = ByteBuffer.wrap(it.key());
                if (key.getLong() >= cutoffMillis) {
                    break;
                }
                byte[] id = new byte[key.remaining()];
                key.get(id);
                ids.add(new String(id, StandardCharsets.UTF_8));
                if (ids.size() == pageSize) {
                    page.accept(List.copyOf(ids));
                    count += ids.size();
                    ids.clear();
                    if (Thread.currentThread().isInterrupted()) {
                        return count;
                    }
                }
            }
        }
        if (!ids.isEmpty()) {
            page.accept(List.copyOf(ids));
            count += ids.size();
        }
        return count;
    }

    /** Native memory RocksDB holds for the view, in bytes, by what holds it; see {@link StatusViewMetrics}. */
    synchronized long memory(String kind) {
        if (closed) {
            return -1;
        }
        try {
            return switch (kind) {
                case StatusViewMetrics.MEMTABLES -> db.getAggregatedLongProperty("rocksdb.cur-size-all-mem-tables");
                // One cache for every column family: its usage is read once, memtables' charge included.
                case StatusViewMetrics.CACHE -> db.getLongProperty(states, "rocksdb.block-cache-usage");
                case StatusViewMetrics.INDEXES_AND_FILTERS -> db.getAggregatedLongProperty("rocksdb.estimate-table-readers-mem");
                default -> throw new IllegalArgumentException(kind);
            };
        } catch (RocksDBException e) {
            return -1;
        }
    }

    /**
     * Defers compactions while a view fills an empty store from the topic: a joining gateway's replay wrote every
     * job about three times more over as the levels were compacted beneath it, on the cores the replay needs. Until
     * {@link #resumeCompactions()} the flushed files pile up in level 0 (their Bloom filters still answer misses).
     */
    synchronized void deferCompactions() {
        compactions(true);
    }

    /** Compacts again, in the background, what piled up while compactions were deferred. */
    synchronized void resumeCompactions() {
        if (!closed) {
            compactions(false);
        }
    }

    private void compactions(boolean deferred) {
        try {
            for (ColumnFamilyHandle handle : handles) {
                db.setOptions(handle, MutableColumnFamilyOptions.builder()
                        .setDisableAutoCompactions(deferred)
                        .setLevel0SlowdownWritesTrigger(deferred ? DEFERRED_LEVEL0_FILES : LEVEL0_SLOWDOWN)
                        .setLevel0StopWritesTrigger(deferred ? DEFERRED_LEVEL0_FILES : LEVEL0_STOP)
                        .build());
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot change the job view's compactions", e);
        }
    }

    /** Whether the store holds no job yet (a new directory). */
    synchronized boolean isEmpty() {
        try (RocksIterator it = db.newIterator(states)) {
            it.seekToFirst();
            return !it.isValid();
        }
    }

    /** RocksDB's estimate of how many jobs the view holds. */
    synchronized long estimatedSize() {
        if (closed) {
            return -1;
        }
        try {
            return db.getLongProperty(states, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            return -1;
        }
    }

    private void deleteQuietly(WriteBatch batch, byte[] key) {
        try {
            batch.delete(finished, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compacts what was finished before {@code cutoff} out of the files. The retention sweep deletes the oldest jobs,
     * whose data rests in the lowest level (time-ordered ids: newer files never overlap it), while the deletions land
     * in the upper ones; level compaction moves such files down without merging them, so deleted jobs kept their
     * space (a soak with 5 minutes of retention: 57 -> 149 MB in 25 minutes). A compaction of the expired range makes
     * the deletions meet the data. Under the store's lock: closing it under a running compaction would crash.
     */
    synchronized void reclaimFinishedBefore(Instant cutoff) {
        if (closed) {
            return;
        }
        try {
            db.compactRange(finished, null, finishedKey(cutoff, new byte[0]));
            db.compactRange(states, null, key(idPrefix(cutoff)));
        } catch (RocksDBException e) {
            throw new IllegalStateException("job view compaction failed", e);
        }
    }

    /** Files in level 0 of the jobs' column family, which compactions move down. */
    synchronized int levelZeroFiles() {
        try {
            // a string property: RocksDB offers no integer form of it
            return closed ? 0 : Integer.parseInt(db.getProperty(states, "rocksdb.num-files-at-level0").trim());
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Disk the view's files take (all column families), in bytes. */
    synchronized long filesBytes() {
        if (closed) {
            return 0;
        }
        try {
            long total = 0;
            for (ColumnFamilyHandle handle : handles) {
                total += db.getLongProperty(handle, "rocksdb.total-sst-files-size");
            }
            return total;
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The smallest id a job submitted at {@code at} can have: job ids are RFC 9562 version 7 (JobIds), whose text
     * starts with the submission's 48-bit millisecond in hex. Ids of other forms (an Idempotency-Key's) sort anywhere.
     */
    static String idPrefix(Instant at) {
        long millis = at.toEpochMilli();
        return String.format("%08x-%04x", millis >>> 16, millis & 0xffff);
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] finishedKey(Instant finishedAt, byte[] id) {
        // Big-endian millis first: iteration order is finish order, so a sweep reads only what expired.
        return ByteBuffer.allocate(8 + id.length).putLong(finishedAt.toEpochMilli()).put(id).array();
    }

    @Override
    public synchronized void close() {
        closed = true;
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
        familyOptions.close();
        writeBuffers.close();
        blockCache.close();
        writeOptions.close();
    }
}
