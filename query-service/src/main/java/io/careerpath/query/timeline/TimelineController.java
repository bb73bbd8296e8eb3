package io.careerpath.query.timeline;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.careerpath.query.NotFound;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/people")
class TimelineController {

    private final MongoCollection<Document> timelines;

    TimelineController(MongoDatabase readModels) {
        this.timelines = readModels.getCollection(CareerTimelineProjection.COLLECTION);
    }

    @GetMapping("/{personId}/timeline")
    CareerTimeline timeline(@PathVariable String personId) {
        Document document = timelines.find(eq("_id", personId)).first();
        if (document == null) {
            throw new NotFound("person-not-found", "No timeline for person " + personId
                    + ": unknown, or not yet projected");
        }
        return CareerTimeline.fromDocument(document);
    }
}
